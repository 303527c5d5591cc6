package io.proximadb.index.ivf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.ScalarVectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Map;
import java.util.zip.CRC32C;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file layout of docs/formats/ivf.md, read here with nothing but a {@link ByteBuffer} and the
 * page's formulas, so that the page and the code cannot drift apart; and damaged files refused.
 */
class IvfFormatTest {

    private static final int DIMENSION = 16;
    private static final int COUNT = 1_200;
    private static final int NLIST = 20;

    @Test
    void ivfFlatBytesFollowTheDocumentedLayout() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(COUNT, DIMENSION, 1);
        byte[] bytes = IvfTestSupport.bytesOfNew(values, Metric.COSINE, Map.of("nlist", "" + NLIST));
        ByteBuffer file = header(bytes, 2, 0, 0, 0);
        long listsOffset = align(64 + (long) NLIST * DIMENSION * 4);
        long ordinalsOffset = align(listsOffset + (NLIST + 1) * 4L);
        long normsOffset = align(ordinalsOffset + COUNT * 4L);
        long trailerOffset = align(normsOffset + COUNT * 4L);
        assertThat(bytes.length).isEqualTo(trailerOffset + 8);
        int[] ordinals = checkLists(file, listsOffset, ordinalsOffset, values, true);
        for (int position = 0; position < COUNT; position++) {
            float[] vector = values.vector(ordinals[position]);
            assertThat((double) file.getFloat((int) (normsOffset + 4L * position)))
                    .isCloseTo(1 / Math.sqrt(ScalarVectorKernels.INSTANCE.dot(vector, vector)), Offset.offset(1e-5));
        }
        checkTrailer(bytes, file, trailerOffset);
    }

    @Test
    void ivfPqBytesFollowTheDocumentedLayout() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(COUNT, DIMENSION, 2);
        byte[] bytes = IvfTestSupport.bytesOfNew(values, Metric.L2, Map.of("nlist", "" + NLIST, "quantizer", "pq", "pq_m", "4"));
        ByteBuffer file = header(bytes, 1, 1, 4, 256);
        long listsOffset = align(64 + (long) NLIST * DIMENSION * 4);
        long ordinalsOffset = align(listsOffset + (NLIST + 1) * 4L);
        long termsOffset = align(ordinalsOffset + COUNT * 4L);
        long codebooksOffset = align(termsOffset + COUNT * 4L);
        long codesOffset = align(codebooksOffset + DIMENSION * 256L * 4);
        long trailerOffset = align(codesOffset + COUNT * 4L);
        assertThat(bytes.length).isEqualTo(trailerOffset + 8);
        int[] ordinals = checkLists(file, listsOffset, ordinalsOffset, values, true);
        int list = 0;
        for (int position = 0; position < COUNT; position++) {
            while (file.getInt((int) (listsOffset + 4L * (list + 1))) <= position) {
                list++;
            }
            // Decode the residual from the codebooks as the page says, then check code and term.
            float[] decoded = new float[DIMENSION];
            for (int s = 0; s < 4; s++) {
                int code = bytes[(int) (codesOffset + 4L * position + s)] & 0xFF;
                for (int j = 0; j < 4; j++) {
                    decoded[s * 4 + j] = file.getFloat((int) (codebooksOffset + 4L * ((s * 256L + code) * 4 + j)));
                }
            }
            float[] centroid = centroid(file, list);
            double term = 0;
            double error = 0;
            float[] vector = values.vector(ordinals[position]);
            for (int d = 0; d < DIMENSION; d++) {
                term += decoded[d] * (2.0 * centroid[d] + decoded[d]);
                double residual = vector[d] - centroid[d];
                error += (residual - decoded[d]) * (residual - decoded[d]);
            }
            assertThat((double) file.getFloat((int) (termsOffset + 4L * position))).isCloseTo(term, Offset.offset(1e-3));
            assertThat(error).as("the code stands for the residual").isLessThan(ScalarVectorKernels.INSTANCE.dot(vector, vector));
        }
        checkTrailer(bytes, file, trailerOffset);
    }

    @Test
    void sq8BytesFollowTheDocumentedLayoutWithCodesOfTheVectorsInListOrder() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(COUNT, DIMENSION, 5);
        byte[] bytes = IvfTestSupport.bytesOfNew(values, Metric.L2, Map.of("nlist", "" + NLIST, "quantizer", "sq8"));
        ByteBuffer file = header(bytes, 1, 2, 0, 0);
        long listsOffset = align(64 + (long) NLIST * DIMENSION * 4);
        long ordinalsOffset = align(listsOffset + (NLIST + 1) * 4L);
        long parametersOffset = align(ordinalsOffset + COUNT * 4L);
        long codesOffset = align(parametersOffset + 8L * DIMENSION);
        int codeBytes = DIMENSION + 4;
        long trailerOffset = align(codesOffset + (long) COUNT * codeBytes);
        assertThat(bytes.length).isEqualTo(trailerOffset + 8);
        int[] ordinals = checkLists(file, listsOffset, ordinalsOffset, values, true);
        for (int position : new int[] {0, 17, COUNT - 1}) {
            float[] vector = values.vector(ordinals[position]);
            for (int i = 0; i < DIMENSION; i++) {
                float min = file.getFloat((int) (parametersOffset + 4L * i));
                float scale = file.getFloat((int) (parametersOffset + 4L * (DIMENSION + i)));
                int u = Math.clamp(Math.round((vector[i] - min) * (1 / scale)), 0, 255);
                assertThat((int) bytes[(int) (codesOffset + (long) position * codeBytes + i)])
                        .as("entry %d, dimension %d: the vector's code, not a residual's", position, i).isEqualTo(u - 128);
            }
        }
        checkTrailer(bytes, file, trailerOffset);
    }

    @Test
    void binaryBytesFollowTheDocumentedLayout() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(COUNT, DIMENSION, 6);
        byte[] bytes = IvfTestSupport.bytesOfNew(values, Metric.COSINE, Map.of("nlist", "" + NLIST, "quantizer", "binary"));
        ByteBuffer file = header(bytes, 2, 3, 0, 0);
        long listsOffset = align(64 + (long) NLIST * DIMENSION * 4);
        long ordinalsOffset = align(listsOffset + (NLIST + 1) * 4L);
        long parametersOffset = align(ordinalsOffset + COUNT * 4L);
        long codesOffset = align(parametersOffset + 4L * DIMENSION);
        int codeBytes = 8 + 8;
        long trailerOffset = align(codesOffset + (long) COUNT * codeBytes);
        assertThat(bytes.length).as("no entry floats for cosine").isEqualTo(trailerOffset + 8);
        int[] ordinals = checkLists(file, listsOffset, ordinalsOffset, values, true);
        for (int position : new int[] {0, 17, COUNT - 1}) {
            float[] vector = values.vector(ordinals[position]);
            double norm = Math.sqrt(ScalarVectorKernels.INSTANCE.dot(vector, vector));
            long word = file.getLong((int) (codesOffset + (long) position * codeBytes));
            for (int i = 0; i < DIMENSION; i++) {
                float mean = file.getFloat((int) (parametersOffset + 4L * i));
                boolean above = vector[i] / norm - mean > 0;
                assertThat((word >>> i & 1) == 1).as("entry %d, dimension %d", position, i).isEqualTo(above);
            }
            assertThat(word >>> DIMENSION).as("unused bits").isZero();
        }
        checkTrailer(bytes, file, trailerOffset);
    }

    @Test
    void anotherVersionIsRefusedByNumber() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(100, DIMENSION, 3);
        byte[] bytes = IvfTestSupport.bytesOfNew(values, Metric.L2, Map.of());
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2);
        assertThatThrownBy(() -> load(values, Metric.L2, bytes))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("version 2").hasMessageContaining("Rebuild");
    }

    /** Every section of the file: header, centroids, list offsets, ordinals, terms, codebooks, codes, trailer. */
    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.05, 0.3, 0.45, 0.5, 0.6, 0.8, 0.97, 0.999})
    void aFlippedByteAnywhereIsRefused(double where) {
        IndexFixtures.ArrayValues values = IndexFixtures.random(500, DIMENSION, 4);
        byte[] bytes = IvfTestSupport.bytesOfNew(values, Metric.L2, Map.of("quantizer", "pq"));
        int at = Math.min(bytes.length - 1, (int) (where * bytes.length));
        bytes[at] ^= 0x01;
        assertThatThrownBy(() -> load(values, Metric.L2, bytes)).isInstanceOf(IndexFormatException.class)
                .hasMessageContaining("ivf");
    }

    @Test
    void aBadOrdinalOrListOffsetIsRefusedEvenWithAGoodChecksum() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(300, DIMENSION, 5);
        byte[] bytes = IvfTestSupport.bytesOfNew(values, Metric.L2, Map.of("nlist", "10"));
        long listsOffset = align(64 + 10L * DIMENSION * 4);
        long ordinalsOffset = align(listsOffset + 11 * 4L);
        byte[] badOrdinal = bytes.clone();
        ByteBuffer.wrap(badOrdinal).order(ByteOrder.LITTLE_ENDIAN).putInt((int) ordinalsOffset + 8, 300);
        reseal(badOrdinal);
        assertThatThrownBy(() -> load(values, Metric.L2, badOrdinal)).isInstanceOf(IndexFormatException.class)
                .hasMessageContaining("ordinal 300 at entry 2");
        byte[] repeated = bytes.clone();
        ByteBuffer repeatedFile = ByteBuffer.wrap(repeated).order(ByteOrder.LITTLE_ENDIAN);
        repeatedFile.putInt((int) ordinalsOffset + 4, repeatedFile.getInt((int) ordinalsOffset));
        reseal(repeated);
        assertThatThrownBy(() -> load(values, Metric.L2, repeated)).hasMessageContaining("repeated ordinal");
        byte[] badOffset = bytes.clone();
        ByteBuffer.wrap(badOffset).order(ByteOrder.LITTLE_ENDIAN).putInt((int) listsOffset + 4 * 3, 301);
        reseal(badOffset);
        assertThatThrownBy(() -> load(values, Metric.L2, badOffset)).hasMessageContaining("offset 301 for list 3");
    }

    private static IvfIndex load(IndexFixtures.ArrayValues values, Metric metric, byte[] bytes) throws IndexFormatException {
        return (IvfIndex) new IvfIndexFactory().load(new IndexSpec(values.dimension(), metric, Map.of()), values,
                VectorKernelsProvider.best(), MemorySegment.ofArray(bytes));
    }

    private static void reseal(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 8, (int) crc.getValue());
    }

    private static ByteBuffer header(byte[] bytes, int metricCode, int quantizerCode, int pqM, int codewords) {
        ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PXIV");
        assertThat(file.getInt(4)).as("version").isEqualTo(1);
        assertThat(file.getInt(8)).as("dimension").isEqualTo(DIMENSION);
        assertThat(file.getInt(12)).as("count").isEqualTo(COUNT);
        assertThat(file.getInt(16)).as("metric").isEqualTo(metricCode);
        assertThat(file.getInt(20)).as("nlist").isEqualTo(NLIST);
        assertThat(file.getInt(24)).as("quantizer").isEqualTo(quantizerCode);
        assertThat(file.getInt(28)).as("pq_m").isEqualTo(pqM);
        assertThat(file.getInt(32)).as("codewords").isEqualTo(codewords);
        assertThat(file.getInt(36)).as("training sample: all of the 1,200 vectors").isEqualTo(COUNT);
        assertThat(file.getLong(40)).as("seed").isEqualTo(42);
        assertThat(file.getInt(48)).as("k-means iterations").isBetween(1, 10);
        assertThat(file.getInt(52)).isZero();
        assertThat(file.getLong(56)).isZero();
        return file;
    }

    /** Offsets rise from 0 to count, ordinals are a permutation, and each sits in its nearest centroid's list. */
    private static int[] checkLists(ByteBuffer file, long listsOffset, long ordinalsOffset, IndexFixtures.ArrayValues values,
                                    boolean nearest) {
        assertThat(file.getInt((int) listsOffset)).isZero();
        assertThat(file.getInt((int) (listsOffset + 4L * NLIST))).isEqualTo(COUNT);
        int[] ordinals = new int[COUNT];
        BitSet seen = new BitSet();
        Metric metric = file.getInt(16) == 2 ? Metric.COSINE : Metric.L2;
        for (int list = 0; list < NLIST; list++) {
            int start = file.getInt((int) (listsOffset + 4L * list));
            int end = file.getInt((int) (listsOffset + 4L * (list + 1)));
            assertThat(end).isGreaterThanOrEqualTo(start);
            for (int position = start; position < end; position++) {
                int ordinal = file.getInt((int) (ordinalsOffset + 4L * position));
                assertThat(seen.get(ordinal)).isFalse();
                seen.set(ordinal);
                ordinals[position] = ordinal;
                if (position > start) {
                    assertThat(ordinal).as("ascending within a list").isGreaterThan(ordinals[position - 1]);
                }
                if (nearest) {
                    float own = metric.distance(ScalarVectorKernels.INSTANCE, values.vector(ordinal), centroid(file, list));
                    for (int other = 0; other < NLIST; other++) {
                        assertThat(own).isLessThanOrEqualTo(metric.distance(ScalarVectorKernels.INSTANCE, values.vector(ordinal),
                                centroid(file, other)) + 1e-4f);
                    }
                }
            }
        }
        assertThat(seen.cardinality()).isEqualTo(COUNT);
        return ordinals;
    }

    private static float[] centroid(ByteBuffer file, int list) {
        float[] centroid = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            centroid[d] = file.getFloat(64 + 4 * (list * DIMENSION + d));
        }
        return centroid;
    }

    private static void checkTrailer(byte[] bytes, ByteBuffer file, long trailerOffset) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, (int) trailerOffset);
        assertThat(file.getInt((int) trailerOffset)).isEqualTo((int) crc.getValue());
        assertThat(new String(bytes, bytes.length - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PXIV");
    }

    private static long align(long offset) {
        return (offset + 63) / 64 * 64;
    }
}
