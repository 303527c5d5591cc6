package io.proximadb.nativekernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.proximadb.spi.vector.QuantizedKernels;
import io.proximadb.spi.vector.ScalarQuantizedKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The VNNI products equal the scalar reference exactly at every length from 1 to 300 (every tail
 * of the 64-byte loop) and at 784, on codes at odd offsets, extremes included; the quantized
 * kernels pick them up from the class path; a bad offset fails in Java, before native code reads.
 * Needs the library and a CPU with AVX-512 VNNI, as this machine and CI have; elsewhere the tests
 * are skipped with the reason.
 */
class VnniInt8DotsTest {

    private static final QuantizedKernels SCALAR = ScalarQuantizedKernels.INSTANCE;

    private static VnniInt8Dots dots() {
        VnniInt8Dots dots = new VnniInt8Dots();
        assumeThat(dots.unavailableReason()).as("native int8 products available").isNull();
        return dots;
    }

    @Test
    void productsEqualTheScalarOnesAtEveryLengthAndOffset() {
        VnniInt8Dots dots = dots();
        Random random = new Random(11);
        int[] out = new int[4];
        for (int length : lengths()) {
            byte[] query = new byte[length];
            random.nextBytes(query);
            try (Arena arena = Arena.ofConfined()) {
                long stride = length + 5; // odd, as codes followed by a float norm are
                MemorySegment codes = arena.allocate(3 + 4 * stride);
                for (long i = 0; i < codes.byteSize(); i++) {
                    codes.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt());
                }
                long[] offsets = {3, 3 + 2 * stride, 3 + stride, 3 + 3 * stride};
                dots.prefetchx4(codes, offsets[0], offsets[1], offsets[2], offsets[3], length);
                dots.dotx4(query, codes, offsets[0], offsets[1], offsets[2], offsets[3], out);
                for (int j = 0; j < 4; j++) {
                    assertThat(out[j]).as("length %d, code %d", length, j).isEqualTo(SCALAR.int8Dot(query, codes, offsets[j]));
                }
            }
        }
    }

    @Test
    void extremeBytesDoNotOverflow() {
        VnniInt8Dots dots = dots();
        int[] out = new int[4];
        for (int length : new int[] {63, 64, 65, 784}) {
            byte[] min = new byte[length];
            Arrays.fill(min, Byte.MIN_VALUE);
            byte[] max = new byte[length];
            Arrays.fill(max, Byte.MAX_VALUE);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment stored = arena.allocate(2L * length);
                stored.asSlice(0, length).fill(Byte.MIN_VALUE);
                stored.asSlice(length, length).fill(Byte.MAX_VALUE);
                dots.dotx4(min, stored, 0, length, 0, length, out);
                assertThat(out).containsExactly(length * 128 * 128, -length * 128 * 127, length * 128 * 128,
                        -length * 128 * 127);
                dots.dotx4(max, stored, 0, length, 0, length, out);
                assertThat(out).containsExactly(-length * 127 * 128, length * 127 * 127, -length * 127 * 128,
                        length * 127 * 127);
            }
        }
    }

    @Test
    void offsetsPastTheSegmentFailBeforeTheNativeCodeReads() {
        VnniInt8Dots dots = dots();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment codes = arena.allocate(100);
            byte[] query = new byte[64];
            assertThatThrownBy(() -> dots.dotx4(query, codes, 0, 0, 37, 0, new int[4]))
                    .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("segment of 100 bytes");
            assertThatThrownBy(() -> dots.dotx4(query, codes, 0, -1, 0, 0, new int[4]))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> dots.dotx4(query, codes, 0, 0, 0, 0, new int[3]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theQuantizedKernelsUseThemForInt8QueriesAndStillComputeOnHeapCodes() {
        dots();
        QuantizedKernels kernels = VectorKernelsProvider.best().quantized();
        assertThat(kernels.name()).endsWith("+native-avx512-vnni");
        assertThat(kernels.prefersInt8Queries()).isTrue();
        byte[] query = {1, -2, 3};
        MemorySegment onHeap = MemorySegment.ofArray(new byte[] {4, 5, 6, 7, 8, 9});
        int[] out = new int[4];
        kernels.int8Dotx4(query, onHeap, 0, 3, 1, 2, out);
        assertThat(out).containsExactly(4 - 10 + 18, 7 - 16 + 27, 5 - 12 + 21, 6 - 14 + 24);
    }

    private static int[] lengths() {
        int[] lengths = new int[302];
        for (int i = 0; i < 300; i++) {
            lengths[i] = i + 1;
        }
        lengths[300] = 784;
        lengths[301] = 1536;
        return lengths;
    }
}
