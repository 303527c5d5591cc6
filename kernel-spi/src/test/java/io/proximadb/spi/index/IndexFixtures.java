package io.proximadb.spi.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.ScalarVectorKernels;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;
import org.assertj.core.data.Offset;

/**
 * Data and truth for the index contract: random and clustered vectors, held on the heap or in a
 * memory segment (as a mapped segment file exposes them), and exact k-NN by a scalar brute-force
 * scan that shares no code with any index.
 */
public final class IndexFixtures {

    private IndexFixtures() {
    }

    /** Vectors held in a list of arrays; {@link #segment()} is {@code null}. */
    public record ArrayValues(List<float[]> vectors, int dimension) implements VectorValues {
        @Override
        public int size() {
            return vectors.size();
        }

        @Override
        public float[] vector(int ordinal) {
            return vectors.get(ordinal);
        }

        /** The same vectors in place in off-heap memory of {@code arena}, as a segment file holds them. */
        public SegmentValues inSegment(Arena arena) {
            MemorySegment segment = arena.allocate(Math.max(1, (long) size() * dimension * Float.BYTES), 64);
            for (int i = 0; i < size(); i++) {
                MemorySegment.copy(vectors.get(i), 0, segment, VectorKernels.STORED_FLOAT, (long) i * dimension * Float.BYTES, dimension);
            }
            return new SegmentValues(segment, size(), dimension);
        }
    }

    /** Vectors in place in a segment: {@link #vector} copies one out, as a mapped segment's values do. */
    public record SegmentValues(MemorySegment segment, int size, int dimension) implements VectorValues {
        @Override
        public float[] vector(int ordinal) {
            return VectorKernels.load(segment, (long) ordinal * dimension * Float.BYTES, dimension);
        }
    }

    /** Gaussian clusters: the vectors, each one's cluster, and the clusters' centres. */
    public record Clustered(ArrayValues values, int[] labels, float[][] centres) {
        /** A query near cluster {@code cluster}'s centre. */
        public float[] queryNear(int cluster, Random random) {
            float[] query = centres[cluster].clone();
            for (int d = 0; d < query.length; d++) {
                query[d] += (float) random.nextGaussian();
            }
            return query;
        }
    }

    public static ArrayValues random(int count, int dimension, long seed) {
        Random random = new Random(seed);
        List<float[]> vectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            vectors.add(gaussian(random, dimension, 1));
        }
        return new ArrayValues(vectors, dimension);
    }

    /**
     * {@code clusters} centres drawn with spread 4 and vectors drawn around them with spread 1:
     * well separated groups, the case where a graph without the diversity heuristic falls apart.
     */
    public static Clustered clustered(int count, int dimension, int clusters, long seed) {
        Random random = new Random(seed);
        float[][] centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = gaussian(random, dimension, 4);
        }
        List<float[]> vectors = new ArrayList<>(count);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(clusters);
            float[] vector = gaussian(random, dimension, 1);
            for (int d = 0; d < dimension; d++) {
                vector[d] += centres[labels[i]][d];
            }
            vectors.add(vector);
        }
        return new Clustered(new ArrayValues(vectors, dimension), labels, centres);
    }

    public static float[] gaussian(Random random, int dimension, double spread) {
        float[] vector = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            vector[d] = (float) (random.nextGaussian() * spread);
        }
        return vector;
    }

    public static float[][] randomQueries(int count, int dimension, long seed) {
        Random random = new Random(seed);
        float[][] queries = new float[count][];
        for (int q = 0; q < count; q++) {
            queries[q] = gaussian(random, dimension, 1);
        }
        return queries;
    }

    /** The ordinals of the {@code k} nearest accepted vectors, nearest first, ties by ordinal. */
    public static int[] exactNearest(VectorValues values, Metric metric, float[] query, int k, IntPredicate accept) {
        int[] ordinals = new int[values.size()];
        float[] distances = new float[values.size()];
        int accepted = 0;
        for (int i = 0; i < values.size(); i++) {
            if (accept == null || accept.test(i)) {
                ordinals[accepted] = i;
                distances[accepted++] = metric.distance(ScalarVectorKernels.INSTANCE, query, values.vector(i));
            }
        }
        Integer[] order = new Integer[accepted];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> distances[a] != distances[b] ? Float.compare(distances[a], distances[b])
                : Integer.compare(ordinals[a], ordinals[b]));
        int[] nearest = new int[Math.min(k, accepted)];
        for (int i = 0; i < nearest.length; i++) {
            nearest[i] = ordinals[order[i]];
        }
        return nearest;
    }

    /**
     * Asserts that two searches returned the same neighbours in the same order, with the same
     * distances up to rounding: SIMD code may sum in another order once the JIT compiles it, so the
     * same distance computed twice can differ in its last bits.
     */
    public static void assertSameNeighbors(List<Neighbor> actual, List<Neighbor> expected, String what) {
        assertThat(actual).as(what).extracting(Neighbor::ordinal)
                .containsExactlyElementsOf(expected.stream().map(Neighbor::ordinal).toList());
        for (int i = 0; i < actual.size(); i++) {
            float want = expected.get(i).distance();
            assertThat(actual.get(i).distance()).as(what).isCloseTo(want, Offset.offset(1e-4f * Math.max(1, Math.abs(want))));
        }
    }

    /** The fraction of the exact {@code k} nearest accepted vectors that the index returns, over all queries. */
    public static double recall(VectorIndex index, VectorValues values, Metric metric, float[][] queries, int k,
                                IntPredicate accept, Map<String, String> params) {
        long found = 0;
        long wanted = 0;
        for (float[] query : queries) {
            int[] truth = exactNearest(values, metric, query, k, accept);
            List<Neighbor> got = index.search(query, k, accept, params);
            for (Neighbor neighbor : got) {
                for (int ordinal : truth) {
                    if (ordinal == neighbor.ordinal()) {
                        found++;
                        break;
                    }
                }
            }
            wanted += truth.length;
        }
        return wanted == 0 ? 1.0 : (double) found / wanted;
    }
}
