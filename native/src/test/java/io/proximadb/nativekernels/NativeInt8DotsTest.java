package io.proximadb.nativekernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.proximadb.spi.vector.NativeInt8Dots;
import io.proximadb.spi.vector.QuantizedKernels;
import io.proximadb.spi.vector.ScalarQuantizedKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each variant of the native products equals the scalar reference exactly at every length from 1
 * to 300 (every tail of the 64- and 16-byte loops) and at 784 and 1536, on codes at odd offsets,
 * extremes included; the quantized kernels pick the first available one from the class path; a bad
 * offset fails in Java, before native code reads. A variant needs the library and a CPU with its
 * instructions (AVX2 on any x86-64 of the last decade, AVX-512 VNNI on some); where it cannot run,
 * its tests are skipped with the reason.
 */
class NativeInt8DotsTest {

    private static final QuantizedKernels SCALAR = ScalarQuantizedKernels.INSTANCE;

    /** Every variant, in the order the service file lists them. */
    static List<NativeInt8Dots> variants() {
        return List.of(new VnniInt8Dots(), new Avx2Int8Dots());
    }

    private static NativeInt8Dots available(NativeInt8Dots dots) {
        assumeThat(dots.unavailableReason()).as("%s available", dots.name()).isNull();
        return dots;
    }

    @Test
    void theServiceFileListsEveryVariantWidestFirst() {
        List<String> listed = ServiceLoader.load(NativeInt8Dots.class).stream()
                .map(provider -> provider.get().name()).toList();
        assertThat(listed).containsExactlyElementsOf(variants().stream().map(NativeInt8Dots::name).toList());
    }

    @Test
    void theAvx2ProductsLoadOnEveryX86CpuWithAvx2() {
        assumeThat(System.getProperty("os.arch")).isIn("amd64", "x86_64");
        String reason = new Avx2Int8Dots().unavailableReason();
        assumeThat(reason == null || !reason.startsWith("this CPU lacks")).as("this CPU has AVX2").isTrue();
        assertThat(reason).as("why the AVX2 products did not load").isNull();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void productsEqualTheScalarOnesAtEveryLengthAndOffset(NativeInt8Dots variant) {
        NativeInt8Dots dots = available(variant);
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

    @ParameterizedTest
    @MethodSource("variants")
    void extremeBytesDoNotOverflow(NativeInt8Dots variant) {
        NativeInt8Dots dots = available(variant);
        int[] out = new int[4];
        for (int length : new int[] {15, 16, 17, 63, 64, 65, 784}) {
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

    @ParameterizedTest
    @MethodSource("variants")
    void offsetsPastTheSegmentFailBeforeTheNativeCodeReads(NativeInt8Dots variant) {
        NativeInt8Dots dots = available(variant);
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
    void theQuantizedKernelsUseTheWidestAvailableForInt8QueriesAndStillComputeOnHeapCodes() {
        NativeInt8Dots widest = variants().stream().filter(dots -> dots.unavailableReason() == null).findFirst()
                .orElse(null);
        assumeThat(widest).as("some native int8 products available").isNotNull();
        QuantizedKernels kernels = VectorKernelsProvider.best().quantized();
        assertThat(kernels.name()).endsWith("+" + widest.name());
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
