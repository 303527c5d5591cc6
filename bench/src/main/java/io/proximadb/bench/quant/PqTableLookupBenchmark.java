package io.proximadb.bench.quant;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The inner loop of product quantization's asymmetric distance: {@code Σ_j table[j][code[j]]}
 * over {@code m} sub-spaces, from an {@code m × 256} float table computed once per query and one
 * byte code per sub-space. Self-contained (product quantization itself lives with the ivf index):
 * this measures the loop alone, scalar against a Panama gather
 * ({@code FloatVector.fromArray(species, table, offset, indexMap, mapOffset)}), to tell whether
 * gathering pays against plain indexed loads. The table (m × 1 KiB) sits in L1 or L2. One
 * operation is one distance.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class PqTableLookupBenchmark {

    private static final VectorSpecies<Float> FLOAT = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INT = IntVector.SPECIES_PREFERRED;

    /** 16 and 32 sub-spaces of 8 bits: 16 or 32 bytes per vector, where PQ is usually run. */
    @Param({"16", "32", "64"})
    int m;

    private float[] table;
    private byte[] code;
    /** Code bytes widened to table indices {@code j × 256 + code[j]}, as a gather wants them. */
    private int[] indices;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        table = new float[m * 256];
        for (int i = 0; i < table.length; i++) {
            table[i] = random.nextFloat();
        }
        code = new byte[m];
        random.nextBytes(code);
        indices = new int[m];
    }

    @Benchmark
    public float scalar() {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < m; j += 4) {
            s0 += table[(j << 8) + (code[j] & 0xFF)];
            s1 += table[((j + 1) << 8) + (code[j + 1] & 0xFF)];
            s2 += table[((j + 2) << 8) + (code[j + 2] & 0xFF)];
            s3 += table[((j + 3) << 8) + (code[j + 3] & 0xFF)];
        }
        for (; j < m; j++) {
            s0 += table[(j << 8) + (code[j] & 0xFF)];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Widens the codes to indices, then gathers a vector of table entries at a time. */
    @Benchmark
    public float panamaGather() {
        for (int j = 0; j < m; j++) {
            indices[j] = (j << 8) + (code[j] & 0xFF);
        }
        int j = 0;
        float sum = 0;
        int bound = FLOAT.loopBound(m);
        if (bound > 0) {
            FloatVector acc = FloatVector.zero(FLOAT);
            for (; j < bound; j += FLOAT.length()) {
                acc = acc.add(FloatVector.fromArray(FLOAT, table, 0, indices, j));
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; j < m; j++) {
            sum += table[indices[j]];
        }
        return sum;
    }

    /** The gather with the widening done on vectors too: codes to ints, plus the sub-space offsets. */
    @Benchmark
    public float panamaGatherWidened() {
        int j = 0;
        float sum = 0;
        int bound = INT.loopBound(m);
        if (bound > 0) {
            FloatVector acc = FloatVector.zero(FLOAT);
            IntVector step = IntVector.zero(INT).addIndex(256);
            for (; j < bound; j += INT.length()) {
                IntVector widened = (IntVector) jdk.incubator.vector.ByteVector.fromArray(
                        jdk.incubator.vector.ByteVector.SPECIES_PREFERRED.withShape(
                                jdk.incubator.vector.VectorShape.forBitSize(INT.length() * Byte.SIZE)), code, j)
                        .convertShape(VectorOperators.B2I, INT, 0);
                widened.and(0xFF).add(step).add(j << 8).intoArray(indices, j);
                acc = acc.add(FloatVector.fromArray(FLOAT, table, 0, indices, j));
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; j < m; j++) {
            sum += table[(j << 8) + (code[j] & 0xFF)];
        }
        return sum;
    }
}
