package io.proximadb.bench.quant;

import io.proximadb.spi.vector.QuantizedKernels;
import io.proximadb.spi.vector.ScalarQuantizedKernels;
import io.proximadb.spi.vector.VectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
 * The int8 kernels, scalar against Panama, at 128 and 784 dimensions (784 is not a multiple of
 * the widths, so the tails run), next to the float32 dot product they replace. One operation is
 * one distance; the float-by-int8 product is what an {@code sq8} search computes per code, the
 * int8-by-int8 products what it would compute if it quantized the query too. Everything is in
 * the L1 cache: this measures the arithmetic, not the memory a graph walk waits for.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class Int8KernelsBenchmark {

    @Param({"128", "784"})
    int dimension;

    @Param({"scalar", "panama"})
    String kernels;

    private QuantizedKernels impl;
    private VectorKernels floats;
    private byte[] a;
    private byte[] b;
    private float[] query;
    private float[] other;
    private Arena arena;
    private MemorySegment stored;
    private final float[] out = new float[4];
    private final int[] products = new int[4];

    @Setup(Level.Trial)
    public void setUp() {
        VectorKernels panama = VectorKernelsProvider.panamaOrNull();
        if (kernels.equals("panama") && panama == null) {
            throw new IllegalStateException("the Vector API is not available in this JVM");
        }
        floats = kernels.equals("scalar") ? io.proximadb.spi.vector.ScalarVectorKernels.INSTANCE : panama;
        impl = kernels.equals("scalar") ? ScalarQuantizedKernels.INSTANCE : panama.quantized();
        Random random = new Random(42);
        a = new byte[dimension];
        b = new byte[dimension];
        random.nextBytes(a);
        random.nextBytes(b);
        query = new float[dimension];
        other = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            query[i] = random.nextFloat() * 2 - 1;
            other[i] = random.nextFloat() * 2 - 1;
        }
        arena = Arena.ofConfined();
        // Four codes back to back, the second at an odd offset as codes with a trailing float are.
        stored = arena.allocate(4L * (dimension + 4));
        for (int v = 0; v < 4; v++) {
            byte[] code = new byte[dimension];
            random.nextBytes(code);
            MemorySegment.copy(code, 0, stored, ValueLayout.JAVA_BYTE, (long) v * (dimension + 4), dimension);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public int int8Dot() {
        return impl.int8Dot(a, b);
    }

    @Benchmark
    public int int8SquaredL2() {
        return impl.int8SquaredL2(a, b);
    }

    @Benchmark
    public int int8DotStored() {
        return impl.int8Dot(a, stored, dimension + 4);
    }

    @Benchmark
    public float floatInt8DotStored() {
        return impl.floatInt8Dot(query, stored, dimension + 4);
    }

    /** Four distances per call: divide the score by four to compare with the single ones. */
    @Benchmark
    public float[] floatInt8Dotx4Stored() {
        long stride = dimension + 4;
        impl.floatInt8Dotx4(query, stored, 0, stride, 2 * stride, 3 * stride, out);
        return out;
    }

    /**
     * Four int8-by-int8 products per call, as the {@code sq8} walk computes them when the kernels
     * prefer int8 queries: natively where the class path has {@code NativeInt8Dots} (the
     * {@code kernels} name then ends in {@code +native-...}), otherwise the Java loop.
     */
    @Benchmark
    public int[] int8Dotx4Stored() {
        long stride = dimension + 4;
        impl.int8Dotx4(a, stored, 0, stride, 2 * stride, 3 * stride, products);
        return products;
    }

    /** The float32 kernel the int8 ones stand in for. */
    @Benchmark
    public float float32Dot() {
        return floats.dot(query, other);
    }
}
