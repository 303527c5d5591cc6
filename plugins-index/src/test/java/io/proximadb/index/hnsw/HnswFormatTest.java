package io.proximadb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * The file layout of docs/formats/hnsw.md, read here with nothing but a {@link ByteBuffer} and the
 * page's formulas, so that the page and the code cannot drift apart.
 */
class HnswFormatTest {

    private static final int DIMENSION = 24;
    private static final int COUNT = 1_500;

    @Test
    void theBytesFollowTheDocumentedLayout() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(COUNT, DIMENSION, 1);
        byte[] bytes = HnswTestSupport.bytesOfNew(values, Metric.COSINE, Map.of("m", "12", "ef_construction", "50"));
        ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PXHN");
        assertThat(file.getInt(4)).as("version").isEqualTo(2);
        assertThat(file.getInt(8)).as("dimension").isEqualTo(DIMENSION);
        assertThat(file.getInt(12)).as("count").isEqualTo(COUNT);
        assertThat(file.getInt(16)).as("metric code of cosine").isEqualTo(2);
        assertThat(file.getInt(20)).as("m").isEqualTo(12);
        assertThat(file.getInt(24)).as("m0").isEqualTo(24);
        assertThat(file.getInt(28)).as("ef_construction").isEqualTo(50);
        int entry = file.getInt(32);
        int topLevel = file.getInt(36);
        long upperInts = file.getLong(40);
        assertThat(file.getLong(48)).as("seed").isEqualTo(42);
        assertThat(file.getInt(56)).as("quantizer: none").isZero();
        assertThat(file.getInt(60)).as("code stride: none").isZero();

        long levelsOffset = align(64 + (long) COUNT * (1 + 24) * 4);
        long upperIndexOffset = align(levelsOffset + COUNT);
        long upperLinksOffset = align(upperIndexOffset + COUNT * 4L);
        long normsOffset = align(upperLinksOffset + upperInts * 4);
        long trailerOffset = align(normsOffset + COUNT * 4L);
        assertThat(bytes.length).isEqualTo(trailerOffset + 8);
        assertThat(bytes[(int) levelsOffset + entry]).as("entry point's level").isEqualTo((byte) topLevel);

        long expectedUpper = 0;
        for (int node = 0; node < COUNT; node++) {
            int level = bytes[(int) levelsOffset + node];
            assertThat(file.getInt((int) (upperIndexOffset + node * 4L))).isEqualTo(level == 0 ? -1 : (int) expectedUpper);
            expectedUpper += level * (1L + 12);
        }
        assertThat(expectedUpper).isEqualTo(upperInts);
        float inverseNorm = file.getFloat((int) normsOffset + 4 * 9);
        float[] ninth = values.vector(9);
        double norm = Math.sqrt(IntStreamSum.squares(ninth));
        assertThat((double) inverseNorm).isCloseTo(1 / norm, org.assertj.core.data.Offset.offset(1e-5));

        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, (int) trailerOffset);
        assertThat(file.getInt((int) trailerOffset)).isEqualTo((int) crc.getValue());
        assertThat(new String(bytes, bytes.length - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PXHN");
    }

    @Test
    void anotherVersionIsRefusedByNumber() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(100, DIMENSION, 2);
        byte[] bytes = HnswTestSupport.bytesOfNew(values, Metric.L2, Map.of());
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 3);
        assertThatThrownBy(() -> new HnswIndexFactory().load(new IndexSpec(DIMENSION, Metric.L2, Map.of()), values,
                VectorKernelsProvider.best(), MemorySegment.ofArray(bytes)))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("version 3").hasMessageContaining("Rebuild");
    }

    @Test
    void aVersionOneFileIsStillReadAndAnswersAsBefore() throws IndexFormatException {
        IndexFixtures.ArrayValues values = IndexFixtures.random(300, DIMENSION, 5);
        byte[] bytes = HnswTestSupport.bytesOfNew(values, Metric.L2, Map.of());
        // Version 1 is version 2 without a quantizer, its quantizer fields reserved and zero.
        ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        file.putInt(4, 1);
        resum(bytes);
        try (VectorIndex built = HnswTestSupport.build(values, Metric.L2, Map.of());
             VectorIndex loaded = new HnswIndexFactory().load(new IndexSpec(DIMENSION, Metric.L2, Map.of()), values,
                     VectorKernelsProvider.best(), MemorySegment.ofArray(bytes))) {
            float[] query = values.vector(3);
            assertThat(loaded.search(query, 10, null, Map.of())).isEqualTo(built.search(query, 10, null, Map.of()));
        }
        file.putInt(56, 1);
        resum(bytes);
        assertThatThrownBy(() -> new HnswIndexFactory().load(new IndexSpec(DIMENSION, Metric.L2, Map.of()), values,
                VectorKernelsProvider.best(), MemorySegment.ofArray(bytes)))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("version 1");
    }

    @Test
    void pqCodesAndCodebooksFollowTheDocumentedLayout() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(COUNT, DIMENSION, 7);
        int m = 6;
        int sub = DIMENSION / m;
        byte[] bytes = HnswTestSupport.bytesOfNew(values, Metric.L2, Map.of("quantizer", "pq", "pq_m", "" + m,
                "build_threads", "1"));
        ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(file.getInt(56)).as("quantizer: pq").isEqualTo(3);
        assertThat(file.getInt(60)).as("a byte per sub-space").isEqualTo(m);
        long upperInts = file.getLong(40);
        long levelsOffset = align(64 + (long) COUNT * (1 + 32) * 4);
        long upperIndexOffset = align(levelsOffset + COUNT);
        long upperLinksOffset = align(upperIndexOffset + COUNT * 4L);
        long quantizerOffset = align(upperLinksOffset + upperInts * 4);
        long codesOffset = align(quantizerOffset + 8 + 1024L * DIMENSION);
        long trailerOffset = align(codesOffset + (long) COUNT * m);
        assertThat(bytes.length).isEqualTo(trailerOffset + 8);
        assertThat(file.getInt((int) quantizerOffset)).as("m").isEqualTo(m);
        assertThat(file.getInt((int) quantizerOffset + 4)).as("reserved").isZero();
        for (int node : new int[] {0, 9, COUNT - 1}) {
            float[] vector = values.vector(node);
            for (int s = 0; s < m; s++) {
                // The nearest codeword of the sub-space, by the page's indexing of the codebooks.
                int best = 0;
                double bestDistance = Double.MAX_VALUE;
                for (int k = 0; k < 256; k++) {
                    double distance = 0;
                    for (int j = 0; j < sub; j++) {
                        float codeword = file.getFloat((int) (quantizerOffset + 8 + 4L * ((s * 256L + k) * sub + j)));
                        distance += Math.pow(vector[s * sub + j] - codeword, 2);
                    }
                    if (distance < bestDistance - 1e-6) {
                        best = k;
                        bestDistance = distance;
                    }
                }
                assertThat(bytes[(int) (codesOffset + (long) node * m + s)] & 0xFF).as("node %d, sub-space %d", node, s)
                        .isEqualTo(best);
            }
        }
    }

    @Test
    void sq8CodesAndParametersFollowTheDocumentedLayout() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(COUNT, DIMENSION, 6);
        byte[] bytes = HnswTestSupport.bytesOfNew(values, Metric.L2, Map.of("quantizer", "sq8", "build_threads", "1"));
        ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(file.getInt(56)).as("quantizer: sq8").isEqualTo(1);
        int stride = file.getInt(60);
        assertThat(stride).as("a byte per dimension and the l2 correction").isEqualTo(DIMENSION + 4);
        long upperInts = file.getLong(40);
        long levelsOffset = align(64 + (long) COUNT * (1 + 32) * 4);
        long upperIndexOffset = align(levelsOffset + COUNT);
        long upperLinksOffset = align(upperIndexOffset + COUNT * 4L);
        long quantizerOffset = align(upperLinksOffset + upperInts * 4);
        long codesOffset = align(quantizerOffset + 2L * DIMENSION * 4);
        long trailerOffset = align(codesOffset + (long) COUNT * stride);
        assertThat(bytes.length).isEqualTo(trailerOffset + 8);
        float[] min = new float[DIMENSION];
        float[] scale = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            min[i] = file.getFloat((int) quantizerOffset + 4 * i);
            scale[i] = file.getFloat((int) quantizerOffset + 4 * (DIMENSION + i));
            float lowest = Float.POSITIVE_INFINITY;
            float highest = Float.NEGATIVE_INFINITY;
            for (int node = 0; node < COUNT; node++) {
                lowest = Math.min(lowest, values.vector(node)[i]);
                highest = Math.max(highest, values.vector(node)[i]);
            }
            assertThat(min[i]).isEqualTo(lowest);
            assertThat(scale[i]).isEqualTo((highest - lowest) / 255f);
        }
        for (int node : new int[] {0, 9, COUNT - 1}) {
            float[] vector = values.vector(node);
            double squares = 0;
            for (int i = 0; i < DIMENSION; i++) {
                int u = Math.clamp(Math.round((vector[i] - min[i]) * (1 / scale[i])), 0, 255);
                int code = bytes[(int) (codesOffset + (long) node * stride + i)];
                assertThat(code).as("node %d, dimension %d", node, i).isEqualTo(u - 128);
                squares += Math.pow((double) scale[i] * code, 2);
            }
            assertThat((double) file.getFloat((int) (codesOffset + (long) node * stride + DIMENSION)))
                    .isCloseTo(squares, org.assertj.core.data.Offset.offset(1e-4 * squares));
        }
    }

    @Test
    void aCodeStrideThatDoesNotFitTheQuantizerIsRefused() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(100, DIMENSION, 7);
        byte[] bytes = HnswTestSupport.bytesOfNew(values, Metric.L2, Map.of("quantizer", "binary"));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(60, 4);
        resum(bytes);
        assertThatThrownBy(() -> new HnswIndexFactory().load(new IndexSpec(DIMENSION, Metric.L2, Map.of()), values,
                VectorKernelsProvider.best(), MemorySegment.ofArray(bytes)))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("code stride of 4");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(56, 9);
        resum(bytes);
        assertThatThrownBy(() -> new HnswIndexFactory().load(new IndexSpec(DIMENSION, Metric.L2, Map.of()), values,
                VectorKernelsProvider.best(), MemorySegment.ofArray(bytes)))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("hnsw index: unknown quantizer id 9");
    }

    @Test
    void memoryIncludesTheCodes() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(COUNT, DIMENSION, 8);
        try (VectorIndex plain = HnswTestSupport.build(values, Metric.L2, Map.of());
             VectorIndex sq8 = HnswTestSupport.build(values, Metric.L2, Map.of("quantizer", "sq8"))) {
            // Beyond the plain index's links, less the copy of the vectors a float32 walk keeps.
            long copied = HnswIndexFactory.residentVectorBytes(COUNT, DIMENSION);
            assertThat(sq8.memoryBytes() - (plain.memoryBytes() - copied)).isGreaterThanOrEqualTo((long) COUNT * (DIMENSION + 4));
        }
    }

    /** Rewrites the trailer's checksum after an edit, so that the edit itself is what a reader meets. */
    private static void resum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 8, (int) crc.getValue());
    }

    @Test
    void aLinkToANodeOffItsLayerIsRefusedEvenWithAGoodChecksum() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(100, DIMENSION, 3);
        byte[] bytes = HnswTestSupport.bytesOfNew(values, Metric.L2, Map.of());
        ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        file.putInt(64 + 4, 1_000);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        file.putInt(bytes.length - 8, (int) crc.getValue());
        assertThatThrownBy(() -> new HnswIndexFactory().load(new IndexSpec(DIMENSION, Metric.L2, Map.of()), values,
                VectorKernelsProvider.best(), MemorySegment.ofArray(bytes)))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("links node 0");
    }

    @Test
    void memoryIsTheGraphAndAClosedIndexRefusesSearches() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(COUNT, DIMENSION, 4);
        VectorIndex index = HnswTestSupport.build(values, Metric.L2, Map.of());
        long fileSize = HnswTestSupport.bytesOf(index).length;
        assertThat(index.memoryBytes()).isGreaterThanOrEqualTo(fileSize).isGreaterThan(COUNT * 33L * 4);
        index.search(values.vector(1), 10, null, Map.of());
        assertThat(index.memoryBytes()).as("with a pooled search scratch").isGreaterThan(fileSize);
        index.close();
        assertThatThrownBy(() -> index.search(values.vector(1), 10, null, Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private static long align(long offset) {
        return (offset + 63) / 64 * 64;
    }

    /** Sums squares in double, independently of the kernels. */
    private static final class IntStreamSum {
        static double squares(float[] vector) {
            return Arrays.stream(toDoubles(vector)).map(x -> x * x).sum();
        }

        private static double[] toDoubles(float[] vector) {
            double[] doubles = new double[vector.length];
            for (int i = 0; i < vector.length; i++) {
                doubles[i] = vector[i];
            }
            return doubles;
        }
    }
}
