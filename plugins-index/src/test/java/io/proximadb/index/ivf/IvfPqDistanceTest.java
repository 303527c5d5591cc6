package io.proximadb.index.ivf;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.ScalarVectorKernels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * IVF-PQ without re-ranking returns, for each entry, the metric's distance from the query to the
 * vector its list and code stand for: centroid plus decoded residual, rebuilt here from the file
 * alone (docs/formats/ivf.md). This checks the split of each distance into a coarse part, a
 * stored per-entry term and table lookups, and its inverse-of-halving for cosine.
 */
class IvfPqDistanceTest {

    private static final int DIMENSION = 16;
    private static final int COUNT = 600;
    private static final int NLIST = 8;
    private static final int M = 8;

    @ParameterizedTest
    @EnumSource(Metric.class)
    void pqDistancesAreThoseOfTheDecodedVectors(Metric metric) {
        IndexFixtures.ArrayValues values = IndexFixtures.random(COUNT, DIMENSION, 11);
        Map<String, String> build = Map.of("quantizer", "pq", "pq_m", "" + M, "nlist", "" + NLIST);
        try (IvfIndex index = IvfTestSupport.build(values, metric, build)) {
            ByteBuffer file = ByteBuffer.wrap(IvfTestSupport.bytesOf(index)).order(ByteOrder.LITTLE_ENDIAN);
            boolean terms = metric == Metric.L2 || metric == Metric.COSINE;
            long listsOffset = align(64 + (long) NLIST * DIMENSION * 4);
            long ordinalsOffset = align(listsOffset + (NLIST + 1) * 4L);
            long next = align(ordinalsOffset + COUNT * 4L);
            long codebooksOffset = terms ? align(next + COUNT * 4L) : next;
            long codesOffset = align(codebooksOffset + DIMENSION * 256L * 4);
            for (float[] query : IndexFixtures.randomQueries(5, DIMENSION, 12)) {
                List<Neighbor> found = index.search(query, 30, null, Map.of("rerank", "0", "nprobe", "" + NLIST));
                assertThat(found).hasSize(30);
                for (Neighbor neighbor : found) {
                    float[] decoded = decoded(file, neighbor.ordinal(), listsOffset, ordinalsOffset, codebooksOffset, codesOffset);
                    float expected = expected(metric, query, decoded);
                    assertThat(neighbor.distance()).as("%s, ordinal %d", metric, neighbor.ordinal())
                            .isCloseTo(expected, Offset.offset(2e-4f * Math.max(1, Math.abs(expected))));
                }
            }
        }
    }

    private static float expected(Metric metric, float[] query, float[] decoded) {
        if (metric != Metric.COSINE) {
            return metric.distance(ScalarVectorKernels.INSTANCE, query, decoded);
        }
        // Cosine ranks unit vectors by half their squared distance: decoded stands for x / |x|.
        float[] unit = query.clone();
        float norm = (float) Math.sqrt(ScalarVectorKernels.INSTANCE.dot(query, query));
        for (int d = 0; d < unit.length; d++) {
            unit[d] /= norm;
        }
        return ScalarVectorKernels.INSTANCE.squaredL2(unit, decoded) / 2;
    }

    /** Centroid of the ordinal's list plus its decoded residual, read from the file. */
    private static float[] decoded(ByteBuffer file, int ordinal, long listsOffset, long ordinalsOffset, long codebooksOffset,
                                   long codesOffset) {
        int position = 0;
        while (file.getInt((int) (ordinalsOffset + 4L * position)) != ordinal) {
            position++;
        }
        int list = 0;
        while (file.getInt((int) (listsOffset + 4L * (list + 1))) <= position) {
            list++;
        }
        int sub = DIMENSION / M;
        float[] vector = new float[DIMENSION];
        for (int s = 0; s < M; s++) {
            int code = file.get((int) (codesOffset + (long) position * M + s)) & 0xFF;
            for (int j = 0; j < sub; j++) {
                int d = s * sub + j;
                vector[d] = file.getFloat(64 + 4 * (list * DIMENSION + d))
                        + file.getFloat((int) (codebooksOffset + 4L * ((s * 256L + code) * sub + j)));
            }
        }
        return vector;
    }

    private static long align(long offset) {
        return (offset + 63) / 64 * 64;
    }
}
