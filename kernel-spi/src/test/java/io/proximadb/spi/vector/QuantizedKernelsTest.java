package io.proximadb.spi.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The Panama quantized kernels agree with the scalar reference on every length from 1 to 300
 * (every tail of every vector width), on arrays and on codes stored at odd offsets: exactly for
 * the integer kernels, within float rounding for the float-by-int8 ones. Codes cover the whole
 * byte range, -128 and 127 included, so that a wrong widening (sign or overflow) shows.
 */
class QuantizedKernelsTest {

    private static final QuantizedKernels SCALAR = ScalarQuantizedKernels.INSTANCE;

    private static QuantizedKernels panama() {
        VectorKernels panama = VectorKernelsProvider.panamaOrNull();
        assumeThat(panama).as("Vector API present (the build adds jdk.incubator.vector)").isNotNull();
        return panama.quantized();
    }

    @Property(tries = 400)
    void int8KernelsAgreeExactly(@ForAll @IntRange(min = 1, max = 300) int length,
                                 @ForAll @IntRange(min = 0, max = 7) int misalignment, @ForAll long seed) {
        QuantizedKernels panama = panama();
        Random random = new Random(seed);
        byte[] a = bytes(random, length);
        byte[] b = bytes(random, length);
        int dot = reference(a, b, false);
        int l2 = reference(a, b, true);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stored = stored(arena, b, misalignment);
            for (QuantizedKernels kernels : new QuantizedKernels[] {SCALAR, panama}) {
                assertThat(kernels.int8Dot(a, b)).as(kernels.name()).isEqualTo(dot);
                assertThat(kernels.int8SquaredL2(a, b)).as(kernels.name()).isEqualTo(l2);
                assertThat(kernels.int8Dot(a, stored, misalignment)).as(kernels.name()).isEqualTo(dot);
                assertThat(kernels.int8SquaredL2(a, stored, misalignment)).as(kernels.name()).isEqualTo(l2);
                int[] four = new int[4];
                kernels.int8Dotx4(a, stored, misalignment, misalignment, misalignment, misalignment, four);
                assertThat(four).as(kernels.name()).containsOnly(dot);
            }
        }
    }

    @Property(tries = 400)
    void roundingToInt8AgreesExactlyAndNearestTheScaledWeight(@ForAll @IntRange(min = 1, max = 300) int length,
                                                              @ForAll @IntRange(min = -40, max = 40) int exponent,
                                                              @ForAll long seed) {
        QuantizedKernels panama = panama();
        Random random = new Random(seed);
        float[] weights = new float[length];
        for (int i = 0; i < length; i++) {
            weights[i] = (float) (random.nextGaussian() * Math.pow(2, exponent));
        }
        weights[random.nextInt(length)] = 0;
        byte[] expected = new byte[length];
        float scale = SCALAR.roundToInt8(weights, expected);
        float largest = 0;
        for (int i = 0; i < length; i++) {
            largest = Math.max(largest, Math.abs(weights[i]));
            // Nearest the scaled weight, halves up, within the float rounding of the product.
            assertThat((double) expected[i]).isCloseTo(Math.floor(weights[i] * (double) scale + 0.5), Offset.offset(1.0));
        }
        assertThat(scale).isEqualTo(largest < Float.MIN_NORMAL ? 1f : 127 / largest);
        byte[] actual = new byte[length];
        assertThat(panama.roundToInt8(weights, actual)).isEqualTo(scale);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void roundingToInt8KeepsTheExtremesAndZeroWeights() {
        for (QuantizedKernels kernels : new QuantizedKernels[] {SCALAR, panama()}) {
            float[] weights = new float[67];
            weights[3] = -2.5f;
            weights[40] = 2.5f;
            weights[66] = 1.25f;
            byte[] out = new byte[67];
            assertThat(kernels.roundToInt8(weights, out)).as(kernels.name()).isEqualTo(127 / 2.5f);
            assertThat(out[3]).as(kernels.name()).isEqualTo((byte) -127);
            assertThat(out[40]).as(kernels.name()).isEqualTo((byte) 127);
            assertThat(out[66]).as(kernels.name()).isEqualTo((byte) 64); // 63.5 rounds up
            assertThat(out[0]).as(kernels.name()).isZero();
            assertThat(kernels.roundToInt8(new float[67], out)).as("all zero").isEqualTo(1f);
            assertThat(out).as(kernels.name()).containsOnly((byte) 0);
            assertThatThrownBy(() -> kernels.roundToInt8(new float[3], new byte[4])).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property(tries = 400)
    void floatByInt8KernelsAgreeWithinRounding(@ForAll @IntRange(min = 1, max = 300) int length,
                                               @ForAll @IntRange(min = 0, max = 7) int misalignment, @ForAll long seed) {
        QuantizedKernels panama = panama();
        Random random = new Random(seed);
        float[] a = floats(random, length);
        float[] scales = floats(random, length);
        byte[][] codes = {bytes(random, length), bytes(random, length), bytes(random, length), bytes(random, length)};
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(4L * length + misalignment);
            for (int v = 0; v < 4; v++) {
                MemorySegment.copy(codes[v], 0, segment, ValueLayout.JAVA_BYTE, misalignment + (long) v * length, length);
            }
            float[] out = new float[4];
            for (QuantizedKernels kernels : new QuantizedKernels[] {SCALAR, panama}) {
                for (int v = 0; v < 4; v++) {
                    double dot = 0;
                    double manhattan = 0;
                    for (int i = 0; i < length; i++) {
                        dot += (double) a[i] * codes[v][i];
                        manhattan += Math.abs((double) a[i] - (double) scales[i] * codes[v][i]);
                    }
                    long at = misalignment + (long) v * length;
                    assertClose(kernels.floatInt8Dot(a, codes[v]), dot, length);
                    assertClose(kernels.floatInt8Dot(a, segment, at), dot, length);
                    assertClose(kernels.floatInt8Manhattan(a, scales, segment, at), manhattan, length);
                }
                // Out of order and with a repeat, as a walk's batches may be.
                int[] order = {2, 0, 3, 2};
                kernels.floatInt8Dotx4(a, segment, misalignment + (long) order[0] * length, misalignment + (long) order[1] * length,
                        misalignment + (long) order[2] * length, misalignment + (long) order[3] * length, out);
                for (int j = 0; j < 4; j++) {
                    assertClose(out[j], SCALAR.floatInt8Dot(a, codes[order[j]]), length);
                }
            }
        }
    }

    @Property(tries = 300)
    void hammingAgreesExactlyWithACountOfBits(@ForAll @IntRange(min = 1, max = 40) int words,
                                              @ForAll @IntRange(min = 0, max = 7) int misalignment, @ForAll long seed) {
        QuantizedKernels panama = panama();
        Random random = new Random(seed);
        long[] a = random.longs(words).toArray();
        long[] b = random.longs(words).toArray();
        b[random.nextInt(words)] = a[random.nextInt(words)] ^ Long.MIN_VALUE; // the sign bit counts too
        int expected = 0;
        for (int i = 0; i < words * 64; i++) {
            if (((a[i >> 6] >>> i) & 1) != ((b[i >> 6] >>> i) & 1)) {
                expected++;
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stored = arena.allocate((long) words * Long.BYTES + misalignment);
            MemorySegment.copy(b, 0, stored, ScalarQuantizedKernels.STORED_LONG, misalignment, words);
            for (QuantizedKernels kernels : new QuantizedKernels[] {SCALAR, panama}) {
                assertThat(kernels.hamming(a, b)).as(kernels.name()).isEqualTo(expected);
                assertThat(kernels.hamming(a, stored, misalignment)).as(kernels.name()).isEqualTo(expected);
                assertThat(kernels.hamming(a, a)).isZero();
            }
        }
    }

    @Test
    void extremeBytesDoNotOverflowTheLanes() {
        for (QuantizedKernels kernels : new QuantizedKernels[] {SCALAR, panama()}) {
            byte[] min = new byte[300];
            byte[] max = new byte[300];
            java.util.Arrays.fill(min, Byte.MIN_VALUE);
            java.util.Arrays.fill(max, Byte.MAX_VALUE);
            assertThat(kernels.int8Dot(min, min)).isEqualTo(300 * 128 * 128);
            assertThat(kernels.int8Dot(min, max)).isEqualTo(-300 * 128 * 127);
            assertThat(kernels.int8SquaredL2(min, max)).isEqualTo(300 * 255 * 255);
        }
    }

    @Test
    void theBuildRunsTheSimdKernelsAndForcedScalarKernelsComeWithScalarQuantizedOnes() {
        assertThat(VectorKernelsProvider.best().quantized().name()).startsWith("panama-");
        assertThat(ScalarVectorKernels.INSTANCE.quantized()).isSameAs(SCALAR);
        // No native int8 products on this module's class path: the float query stays the better one.
        assertThat(VectorKernelsProvider.best().quantized().prefersInt8Queries()).isFalse();
    }

    @Test
    void lengthsMustMatch() {
        assertThatThrownBy(() -> VectorKernelsProvider.best().quantized().int8Dot(new byte[3], new byte[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3").hasMessageContaining("4");
        assertThatThrownBy(() -> VectorKernelsProvider.best().quantized().hamming(new long[3], new long[4]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int reference(byte[] a, byte[] b, boolean squaredL2) {
        int sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += squaredL2 ? (a[i] - b[i]) * (a[i] - b[i]) : a[i] * b[i];
        }
        return sum;
    }

    private static MemorySegment stored(Arena arena, byte[] codes, int misalignment) {
        MemorySegment segment = arena.allocate(codes.length + misalignment);
        MemorySegment.copy(codes, 0, segment, ValueLayout.JAVA_BYTE, misalignment, codes.length);
        return segment;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        bytes[random.nextInt(length)] = Byte.MIN_VALUE;
        bytes[random.nextInt(length)] = Byte.MAX_VALUE;
        return bytes;
    }

    private static float[] floats(Random random, int length) {
        float[] vector = new float[length];
        for (int i = 0; i < length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }

    private static void assertClose(float actual, double expected, int length) {
        // Terms are up to ~4 × 128 in size; float accumulation in any order stays well inside this.
        double tolerance = 1e-5 * (Math.abs(expected) + 128.0 * length);
        assertThat((double) actual).isCloseTo(expected, Offset.offset(tolerance));
    }
}
