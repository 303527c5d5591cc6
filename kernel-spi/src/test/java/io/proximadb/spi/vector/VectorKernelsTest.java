package io.proximadb.spi.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels must agree with the scalar reference on every length, including lengths that
 * are not a multiple of the vector width, where the scalar tail does the last lanes.
 */
class VectorKernelsTest {

    private static final VectorKernels SCALAR = ScalarVectorKernels.INSTANCE;

    @Property(tries = 300)
    void panamaAgreesWithScalarOnEveryLength(@ForAll @IntRange(min = 1, max = 1100) int length,
                                             @ForAll long seed) {
        VectorKernels panama = VectorKernelsProvider.panamaOrNull();
        assumeThat(panama).as("Vector API present (the build adds jdk.incubator.vector)").isNotNull();
        Random random = new Random(seed);
        float[] a = random(random, length);
        float[] b = random(random, length);
        assertClose(panama.dot(a, b), SCALAR.dot(a, b), length);
        assertClose(panama.squaredL2(a, b), SCALAR.squaredL2(a, b), length);
        assertClose(panama.cosine(a, b), SCALAR.cosine(a, b), length);
        assertClose(panama.manhattan(a, b), SCALAR.manhattan(a, b), length);
    }

    @Property(tries = 200)
    void segmentKernelsAgreeWithArrayKernels(@ForAll @IntRange(min = 1, max = 1100) int length,
                                             @ForAll @IntRange(min = 0, max = 7) int misalignment, @ForAll long seed) {
        Random random = new Random(seed);
        float[] a = random(random, length);
        float[] b = random(random, length);
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            // Stored at an odd offset, as a vector inside a mapped file need not be aligned.
            java.lang.foreign.MemorySegment stored = arena.allocate((long) length * Float.BYTES + misalignment + 4);
            java.lang.foreign.MemorySegment.copy(b, 0, stored, VectorKernels.STORED_FLOAT, misalignment, length);
            for (VectorKernels kernels : new VectorKernels[] {SCALAR, VectorKernelsProvider.best()}) {
                assertClose(kernels.dot(a, stored, misalignment), SCALAR.dot(a, b), length);
                assertClose(kernels.squaredL2(a, stored, misalignment), SCALAR.squaredL2(a, b), length);
                assertClose(kernels.cosine(a, stored, misalignment), SCALAR.cosine(a, b), length);
                assertClose(kernels.manhattan(a, stored, misalignment), SCALAR.manhattan(a, b), length);
            }
        }
    }

    @Property(tries = 200)
    void fourAtOnceKernelsAgreeWithSingleOnes(@ForAll @IntRange(min = 1, max = 1100) int length,
                                              @ForAll @IntRange(min = 0, max = 7) int misalignment, @ForAll long seed) {
        Random random = new Random(seed);
        float[] a = random(random, length);
        float[][] stored = {random(random, length), random(random, length), random(random, length), random(random, length)};
        long stride = (long) length * Float.BYTES;
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment segment = arena.allocate(4 * stride + misalignment);
            for (int v = 0; v < 4; v++) {
                java.lang.foreign.MemorySegment.copy(stored[v], 0, segment, VectorKernels.STORED_FLOAT, misalignment + v * stride, length);
            }
            // Out of order and with a repeat, as a walk's batches may be.
            int[] order = {2, 0, 3, 2};
            float[] out = new float[4];
            for (VectorKernels kernels : new VectorKernels[] {SCALAR, VectorKernelsProvider.best()}) {
                kernels.squaredL2x4(a, segment, misalignment + order[0] * stride, misalignment + order[1] * stride,
                        misalignment + order[2] * stride, misalignment + order[3] * stride, out);
                for (int i = 0; i < 4; i++) {
                    assertClose(out[i], SCALAR.squaredL2(a, stored[order[i]]), length);
                }
                kernels.dotx4(a, segment, misalignment + order[0] * stride, misalignment + order[1] * stride,
                        misalignment + order[2] * stride, misalignment + order[3] * stride, out);
                for (int i = 0; i < 4; i++) {
                    assertClose(out[i], SCALAR.dot(a, stored[order[i]]), length);
                }
            }
        }
    }

    @Test
    void theBuildRunsTheSimdKernels() {
        // The surefire configuration adds jdk.incubator.vector; if that ever breaks, this says so
        // instead of silently testing the scalar kernels twice.
        assertThat(VectorKernelsProvider.panamaOrNull()).isNotNull();
        assertThat(VectorKernelsProvider.best().name()).startsWith("panama-");
    }

    @Test
    void scalarKernelsComputeTheTextbookValues() {
        float[] a = {1, 2, 3};
        float[] b = {4, -5, 6};
        for (VectorKernels kernels : new VectorKernels[] {SCALAR, VectorKernelsProvider.best()}) {
            assertThat(kernels.dot(a, b)).isEqualTo(12f);
            assertThat(kernels.squaredL2(a, b)).isEqualTo(9f + 49f + 9f);
            assertThat(kernels.manhattan(a, b)).isEqualTo(3f + 7f + 3f);
            assertThat(kernels.cosine(a, b)).isCloseTo((float) (12 / (Math.sqrt(14) * Math.sqrt(77))),
                    org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(kernels.cosine(a, new float[3])).isZero();
        }
    }

    @Test
    void lengthsMustMatch() {
        assertThatThrownBy(() -> VectorKernelsProvider.best().dot(new float[3], new float[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3").hasMessageContaining("4");
    }

    private static float[] random(Random random, int length) {
        float[] vector = new float[length];
        for (int i = 0; i < length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }

    private static void assertClose(float actual, float expected, int length) {
        // Summation order differs between the two, so allow the error of float accumulation.
        float tolerance = 1e-4f * (Math.abs(expected) + length);
        assertThat(actual).isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance));
    }
}
