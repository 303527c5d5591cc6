package io.proximadb.bench.quant;

import io.proximadb.spi.vector.QuantizedKernels;
import io.proximadb.spi.vector.ScalarQuantizedKernels;
import io.proximadb.spi.vector.VectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Hamming distance between binary codes, scalar ({@code Long.bitCount}) against Panama
 * ({@code BIT_COUNT} on a {@code LongVector}), for codes of 128, 784 and 1536 bits (2, 13 and 24
 * words: a short code is mostly tail). One operation is one distance.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class HammingBenchmark {

    @Param({"128", "784", "1536"})
    int bits;

    @Param({"scalar", "panama"})
    String kernels;

    private QuantizedKernels impl;
    private long[] a;
    private long[] b;
    private Arena arena;
    private MemorySegment stored;

    @Setup(Level.Trial)
    public void setUp() {
        VectorKernels panama = VectorKernelsProvider.panamaOrNull();
        if (kernels.equals("panama") && panama == null) {
            throw new IllegalStateException("the Vector API is not available in this JVM");
        }
        impl = kernels.equals("scalar") ? ScalarQuantizedKernels.INSTANCE : panama.quantized();
        Random random = new Random(42);
        int words = (bits + 63) / 64;
        a = random.longs(words).toArray();
        b = random.longs(words).toArray();
        arena = Arena.ofConfined();
        stored = arena.allocate((long) words * Long.BYTES, 64);
        MemorySegment.copy(b, 0, stored, ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0, words);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public int hamming() {
        return impl.hamming(a, b);
    }

    @Benchmark
    public int hammingStored() {
        return impl.hamming(a, stored, 0);
    }
}
