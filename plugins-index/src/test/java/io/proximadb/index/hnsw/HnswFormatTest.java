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
        assertThat(file.getInt(4)).as("version").isEqualTo(1);
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
        assertThat(file.getLong(56)).as("reserved").isZero();

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
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2);
        assertThatThrownBy(() -> new HnswIndexFactory().load(new IndexSpec(DIMENSION, Metric.L2, Map.of()), values,
                VectorKernelsProvider.best(), MemorySegment.ofArray(bytes)))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("version 2").hasMessageContaining("Rebuild");
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
