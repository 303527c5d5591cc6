package io.proximadb.bench.vector;

import io.proximadb.spi.vector.ScalarVectorKernels;
import io.proximadb.spi.vector.VectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * The distance kernels, scalar against Panama, at the dimensions that matter: 128 (SIFT, many
 * text embeddings after reduction) and 784 (fashion-mnist, and a length that is not a multiple
 * of 16, so the scalar tail runs). Reports operations per microsecond; one operation is one
 * distance between two vectors.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class VectorKernelsBenchmark {

    @Param({"128", "784"})
    int dimension;

    @Param({"scalar", "panama"})
    String kernels;

    private VectorKernels impl;
    private float[] a;
    private float[] b;

    @Setup
    public void setUp() {
        impl = kernels.equals("scalar") ? ScalarVectorKernels.INSTANCE : VectorKernelsProvider.panamaOrNull();
        if (impl == null) {
            throw new IllegalStateException("the Vector API is not available in this JVM");
        }
        Random random = new Random(42);
        a = new float[dimension];
        b = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            a[i] = random.nextFloat() * 2 - 1;
            b[i] = random.nextFloat() * 2 - 1;
        }
    }

    @Benchmark
    public float dot() {
        return impl.dot(a, b);
    }

    @Benchmark
    public float squaredL2() {
        return impl.squaredL2(a, b);
    }

    @Benchmark
    public float cosine() {
        return impl.cosine(a, b);
    }

    @Benchmark
    public float manhattan() {
        return impl.manhattan(a, b);
    }
}
