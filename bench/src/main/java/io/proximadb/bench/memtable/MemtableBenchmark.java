package io.proximadb.bench.memtable;

import io.proximadb.spi.memtable.Memtable;
import io.proximadb.spi.memtable.MemtableEntry;
import io.proximadb.spi.memtable.MemtableFactory;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Upserts per second, point reads per second and bytes per record of every memtable plugin, for
 * 1M records of 128 dimensions.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar MemtableBenchmark} (add
 * {@code -p memtable=art} for one plugin). {@code upserts} fills a fresh memtable per invocation
 * from pre-generated entries (ids in random order, one version each); {@code pointReads} reads
 * random ids from a memtable filled once per trial. Both report, as secondary results, the
 * memtable's own estimate ({@code approxBytesPerRecord}) and the heap actually retained, measured
 * across full GCs while filling it: {@code heapBytesPerRecord} for everything (records included)
 * and {@code structureBytesPerRecord} for the memtable's structure alone. The same figures are
 * printed at the end of each trial.
 *
 * <p>Thread safety: single-threaded benchmarks; the state is per trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class MemtableBenchmark {

    static final int RECORDS = 1_000_000;
    static final int DIMENSION = 128;

    @Param({"skiplist", "art", "btree", "hashmap"})
    public String memtable;

    private MemtableFactory factory;
    private MemtableEntry[] entries;
    private String[] lookups;
    private Memtable filled;
    private int nextLookup;
    private double approxBytesPerRecord;
    private double heapBytesPerRecord;
    private double structureBytesPerRecord;

    /** The footprint figures, attached to each benchmark's results as secondary counters. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Footprint {
        public double approxBytesPerRecord;
        public double heapBytesPerRecord;
        public double structureBytesPerRecord;

        /** At the end of the iteration: JMH zeroes aux counters after the iteration's setup. */
        @TearDown(Level.Iteration)
        public void copyFrom(MemtableBenchmark benchmark) {
            approxBytesPerRecord = benchmark.approxBytesPerRecord;
            heapBytesPerRecord = benchmark.heapBytesPerRecord;
            structureBytesPerRecord = benchmark.structureBytesPerRecord;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        factory = ServiceLoader.load(MemtableFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals(memtable))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no memtable named '" + memtable + "' on the class path"));
        long empty = usedHeapAfterGc();
        entries = generate(new SplittableRandom(42));
        long withRecords = usedHeapAfterGc();
        filled = fill();
        long withMemtable = usedHeapAfterGc();
        approxBytesPerRecord = (double) filled.approximateBytes() / RECORDS;
        heapBytesPerRecord = (double) (withMemtable - empty) / RECORDS;
        structureBytesPerRecord = (double) (withMemtable - withRecords) / RECORDS;

        SplittableRandom random = new SplittableRandom(7);
        lookups = new String[1 << 20];
        for (int i = 0; i < lookups.length; i++) {
            lookups[i] = entries[random.nextInt(RECORDS)].id();
        }
    }

    @TearDown(Level.Trial)
    public void printFootprint() {
        System.out.printf("%n[%s] bytes/record: approximateBytes %.1f, heap (records + memtable) %.1f,"
                        + " memtable structure %.1f; ids %d%n",
                memtable, approxBytesPerRecord, heapBytesPerRecord, structureBytesPerRecord, filled.idCount());
    }

    /** Upserts of {@value #RECORDS} new ids into a fresh memtable; the score is upserts per second. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public Memtable upserts(Footprint footprint) {
        return fill();
    }

    /** One get of a random present id at the newest sequence; the score is reads per second. */
    @Benchmark
    public MemtableEntry pointReads(Footprint footprint) {
        return filled.get(lookups[nextLookup++ & (lookups.length - 1)], Long.MAX_VALUE);
    }

    private Memtable fill() {
        Memtable fresh = factory.create();
        for (MemtableEntry entry : entries) {
            fresh.put(entry);
        }
        return fresh;
    }

    private static MemtableEntry[] generate(SplittableRandom random) {
        MemtableEntry[] generated = new MemtableEntry[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            float[] vector = new float[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                vector[d] = (float) random.nextDouble(-1, 1);
            }
            // Random ids, like UUIDs or hashes, so that no structure profits from sorted input.
            String id = "doc-" + Long.toHexString(random.nextLong() | Long.MIN_VALUE) + "-" + i;
            Value.Obj metadata = new Value.Obj(Map.of(
                    "category", new Value.Str("c" + random.nextInt(100)),
                    "year", new Value.Int(1990 + random.nextInt(35)),
                    "tags", new Value.Array(List.of(new Value.Str("t" + random.nextInt(10))))));
            generated[i] = MemtableEntry.upsert(i + 1, new VectorRecord(id, vector, metadata));
        }
        return generated;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        // Several rounds: one System.gc() does not always finish reference processing.
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
