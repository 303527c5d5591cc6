package io.proximadb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.record.Metric;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** The graph a build leaves: degree bounds, layers, connectivity, determinism, and recall against ef. */
class HnswGraphTest {

    private static final int DIMENSION = 32;

    @Test
    void nearlyEveryNodeIsReachableFromTheEntryAndListsRespectTheirBounds() throws IndexFormatException {
        IndexFixtures.Clustered data = IndexFixtures.clustered(4_000, DIMENSION, 32, 1);
        byte[] bytes;
        try (VectorIndex index = HnswTestSupport.build(data.values(), Metric.L2, Map.of("m", "8", "build_threads", "1"))) {
            bytes = HnswTestSupport.bytesOf(index);
            assertThat(index.search(data.values().vector(0), 4_000, null, Map.of())).as("every node, reachable or not")
                    .hasSize(4_000);
        }
        HnswFormat.Header header = HnswFormat.check(MemorySegment.ofArray(bytes), DIMENSION, 4_000, Metric.L2);
        HnswGraph graph = new HnswGraph(MemorySegment.ofArray(bytes), HnswFormat.layoutOf(header));
        assertThat(header.m0()).isEqualTo(16);
        assertThat(graph.level(header.entryPoint())).isEqualTo(header.topLevel()).isPositive();
        BitSet reached = new BitSet();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(header.entryPoint());
        reached.set(header.entryPoint());
        long links = 0;
        while (!queue.isEmpty()) {
            int node = queue.poll();
            long list = graph.list(node, 0);
            assertThat(graph.size(list)).isBetween(1, 16);
            for (int slot = 0; slot < graph.size(list); slot++) {
                int neighbor = graph.neighbor(list, slot);
                assertThat(neighbor).isNotEqualTo(node);
                links++;
                if (!reached.get(neighbor)) {
                    reached.set(neighbor);
                    queue.add(neighbor);
                }
            }
            for (int level = 1; level <= graph.level(node); level++) {
                assertThat(graph.size(graph.list(node, level))).isBetween(0, 8);
            }
        }
        // Pruning can take a node's last incoming link, in hnswlib as here; it must stay rare.
        System.out.printf("hnsw m=8 on 32 clusters: %d of 4000 nodes reachable on layer 0%n", reached.cardinality());
        assertThat(reached.cardinality()).isGreaterThanOrEqualTo(3_980);
        assertThat(links / 4_000.0).as("mean level-0 degree").isGreaterThan(6);
    }

    @Test
    void aSingleThreadedBuildIsDeterministicAndTheSeedMatters() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(2_000, DIMENSION, 2);
        Map<String, String> one = Map.of("build_threads", "1");
        byte[] first = HnswTestSupport.bytesOfNew(values, Metric.COSINE, one);
        assertThat(HnswTestSupport.bytesOfNew(values, Metric.COSINE, one)).isEqualTo(first);
        assertThat(HnswTestSupport.bytesOfNew(values, Metric.COSINE, Map.of("build_threads", "1", "seed", "7")))
                .isNotEqualTo(first);
    }

    @Test
    void aWiderBeamFindsMore() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(3_000, DIMENSION, 3);
        float[][] queries = IndexFixtures.randomQueries(50, DIMENSION, 4);
        try (VectorIndex index = HnswTestSupport.build(values, Metric.L2,
                Map.of("m", "8", "ef_construction", "64", "build_threads", "1"))) {
            double narrow = IndexFixtures.recall(index, values, Metric.L2, queries, 10, null, Map.of("ef", "10"));
            double wide = IndexFixtures.recall(index, values, Metric.L2, queries, 10, null, Map.of("ef", "200"));
            System.out.printf("hnsw m=8 recall@10: ef=10 %.4f, ef=200 %.4f%n", narrow, wide);
            assertThat(wide).isGreaterThan(narrow).isGreaterThanOrEqualTo(0.99);
        }
    }

    @Test
    void cosineOfZeroVectorsIsZeroSimilarity() {
        IndexFixtures.ArrayValues random = IndexFixtures.random(300, DIMENSION, 5);
        java.util.List<float[]> vectors = new java.util.ArrayList<>(random.vectors());
        vectors.set(17, new float[DIMENSION]);
        IndexFixtures.ArrayValues values = new IndexFixtures.ArrayValues(vectors, DIMENSION);
        try (VectorIndex index = HnswTestSupport.build(values, Metric.COSINE, Map.of())) {
            assertThat(index.search(new float[DIMENSION], 5, null, Map.of()))
                    .hasSize(5).allMatch(neighbor -> neighbor.distance() == 1f);
            assertThat(index.search(values.vector(3), 300, null, Map.of()))
                    .filteredOn(neighbor -> neighbor.ordinal() == 17).singleElement()
                    .matches(neighbor -> neighbor.distance() == 1f);
        }
    }

    @Test
    void aBroadFilterIsServedByTheWalkAndANarrowOneByTheExactScan() {
        // Large enough that a walk at 50 % costs less than scanning the accepted half.
        IndexFixtures.ArrayValues values = IndexFixtures.random(10_000, 16, 6);
        float[][] queries = IndexFixtures.randomQueries(50, 16, 7);
        try (HnswIndex index = (HnswIndex) HnswTestSupport.build(values, Metric.L2, Map.of())) {
            double broad = IndexFixtures.recall(index, values, Metric.L2, queries, 10, ordinal -> ordinal % 2 == 0, Map.of());
            assertThat(index.exactScans()).as("exact scans at 50 %").isZero();
            assertThat(broad).isGreaterThanOrEqualTo(0.95);
            double narrow = IndexFixtures.recall(index, values, Metric.L2, queries, 10, ordinal -> ordinal % 100 == 0, Map.of());
            assertThat(index.exactScans()).as("exact scans at 1 %").isEqualTo(50);
            assertThat(narrow).isEqualTo(1.0);
            System.out.printf("hnsw filtered walk at 50 %%: recall@10 %.4f%n", broad);
        }
    }

    @Test
    void aQueryDeepInRejectedNodesIsWalkedFromTheSampleInsteadOfScanned() {
        // Ten separated clusters; the filter keeps one of them (about 10 %) and the queries sit in
        // another, so the walk from the graph's entry meets no accepted node within two hops.
        IndexFixtures.Clustered data = IndexFixtures.clustered(6_000, DIMENSION, 10, 8);
        int kept = data.labels()[0];
        int queried = (kept + 5) % 10;
        IntPredicate accept = ordinal -> data.labels()[ordinal] == kept;
        java.util.Random random = new java.util.Random(9);
        float[][] queries = new float[20][];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = data.queryNear(queried, random);
        }
        try (HnswIndex index = (HnswIndex) HnswTestSupport.build(data.values(), Metric.L2,
                Map.of("m", "8", "build_threads", "1"))) {
            double recall = IndexFixtures.recall(index, data.values(), Metric.L2, queries, 10, accept, Map.of("ef", "32"));
            System.out.printf("hnsw filtered walk restarted from the sample: recall@10 %.4f, %d exact scans%n", recall,
                    index.exactScans());
            assertThat(index.exactScans()).as("exact scans").isZero();
            assertThat(recall).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void theFilterEstimateIsNearTheTruth() {
        FilteredSearch filtered = new FilteredSearch(null, null, 100_000);
        assertThat(filtered.estimateAccepted(ordinal -> ordinal % 10 == 3)).isBetween(5_000L, 15_000L);
        assertThat(filtered.estimateAccepted(ordinal -> false)).isZero();
        assertThat(filtered.estimateAccepted(ordinal -> true)).isEqualTo(100_000);
        assertThat(new FilteredSearch(null, null, 7).estimateAccepted(ordinal -> ordinal < 3)).as("exact when small").isEqualTo(3);
    }
}
