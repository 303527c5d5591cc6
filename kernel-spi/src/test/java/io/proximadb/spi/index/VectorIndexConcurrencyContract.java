package io.proximadb.spi.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.index.IndexFixtures.ArrayValues;
import io.proximadb.spi.index.IndexFixtures.Clustered;
import io.proximadb.spi.record.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The concurrent part of the index contract: searches from several threads at once give exactly
 * the results a lone search gives, also while another index is being built (a flush building a
 * new segment's index while queries run on the old ones). Every task's failure is rethrown from
 * its {@link Future}, and the test has a timeout, so that a deadlock fails the test.
 */
public abstract class VectorIndexConcurrencyContract extends VectorIndexContractSupport {

    private static final int THREADS = 4;

    @Test
    @Timeout(120)
    void concurrentSearchesAgreeWithLoneOnesWhileAnotherIndexIsBuilt() throws Exception {
        ArrayValues values = IndexFixtures.random(3_000, DIMENSION, 81);
        float[][] queries = IndexFixtures.randomQueries(40, DIMENSION, 82);
        IntPredicate filter = ordinal -> ordinal % 3 != 0;
        try (VectorIndex index = build(Metric.L2, values)) {
            List<List<Neighbor>> expected = new ArrayList<>();
            for (int q = 0; q < queries.length; q++) {
                expected.add(index.search(queries[q], K, q % 2 == 0 ? null : filter, searchParams()));
            }
            AtomicBoolean building = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> searchers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int first = t;
                    searchers.add(pool.submit(() -> {
                        int searches = 0;
                        for (int round = 0; building.get() || round < 3; round++) {
                            for (int i = 0; i < queries.length; i++) {
                                int q = (first + i) % queries.length;
                                List<Neighbor> got = index.search(queries[q], K, q % 2 == 0 ? null : filter, searchParams());
                                IndexFixtures.assertSameNeighbors(got, expected.get(q), "query " + q + " on thread " + first);
                                searches++;
                            }
                        }
                        return searches;
                    }));
                }
                Clustered other = IndexFixtures.clustered(3_000, DIMENSION, 16, 83);
                try (VectorIndex built = build(Metric.L2, other.values())) {
                    building.set(false);
                    double recall = IndexFixtures.recall(built, other.values(), Metric.L2,
                            IndexFixtures.randomQueries(20, DIMENSION, 84), K, null, searchParams());
                    assertThat(recall).as("recall of the index built meanwhile").isGreaterThanOrEqualTo(recallFloor());
                } finally {
                    building.set(false);
                }
                for (Future<Integer> searcher : searchers) {
                    assertThat(searcher.get()).isPositive();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
