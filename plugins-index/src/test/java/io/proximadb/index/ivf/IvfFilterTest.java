package io.proximadb.index.ivf;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.record.Metric;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** The probing rule: exactly nprobe lists unfiltered, further under a filter until k accepted and enough candidates. */
class IvfFilterTest {

    @Test
    void aOnePercentFilterReturnsKAcceptedResultsByProbingFurther() {
        IndexFixtures.Clustered data = IndexFixtures.clustered(20_000, 16, 40, 1);
        Random random = new Random(2);
        boolean[] accepted = new boolean[20_000];
        int acceptedCount = 0;
        for (int i = 0; i < accepted.length; i++) {
            accepted[i] = random.nextDouble() < 0.01;
            acceptedCount += accepted[i] ? 1 : 0;
        }
        IntPredicate filter = ordinal -> accepted[ordinal];
        float[][] queries = IndexFixtures.randomQueries(30, 16, 3);
        for (String quantizer : new String[] {"none", "pq"}) {
            try (IvfIndex index = IvfTestSupport.build(data.values(), Metric.L2, Map.of("quantizer", quantizer))) {
                Map<String, String> params = Map.of("nprobe", "4");
                for (float[] query : queries) {
                    assertThat(index.search(query, 10, null, params)).hasSize(10);
                }
                assertThat(index.meanProbedLists()).as("unfiltered: exactly nprobe").isEqualTo(4.0);
                for (float[] query : queries) {
                    List<Neighbor> found = index.search(query, 10, filter, params);
                    assertThat(found).hasSize(10).allMatch(neighbor -> accepted[neighbor.ordinal()]);
                }
                // 30 unfiltered searches of 4 lists, then 30 filtered ones of about 4 / 0.01 lists.
                assertThat(index.meanProbedLists()).as(quantizer + ": filtered searches probe further").isGreaterThan(4 + 100);
                double recall = IndexFixtures.recall(index, data.values(), Metric.L2, queries, 10, filter, params);
                assertThat(recall).as(quantizer + " recall@10 at 1 % with nprobe 4 (of %d accepted)", acceptedCount)
                        .isGreaterThanOrEqualTo(0.9);
            }
        }
    }

    @Test
    void aFilterAcceptingOnlyFarListsStillFillsK() {
        IndexFixtures.Clustered data = IndexFixtures.clustered(5_000, 16, 20, 4);
        IntPredicate clusterSeven = ordinal -> data.labels()[ordinal] == 7;
        try (IvfIndex index = IvfTestSupport.build(data.values(), Metric.L2, Map.of())) {
            float[] query = data.queryNear(2, new Random(5));
            List<Neighbor> probingOne = index.search(query, 10, clusterSeven, Map.of("nprobe", "1"));
            assertThat(probingOne).hasSize(10).allMatch(neighbor -> data.labels()[neighbor.ordinal()] == 7);
            // By default a search compares about 2,048 accepted vectors; cluster 7 has fewer, so all are compared.
            assertThat(index.search(query, 10, clusterSeven, Map.of())).extracting(Neighbor::ordinal)
                    .containsExactly(java.util.stream.IntStream.of(IndexFixtures.exactNearest(data.values(), Metric.L2, query, 10,
                            clusterSeven)).boxed().toArray(Integer[]::new));
        }
    }
}
