package io.proximadb.index.faiss;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexFixtures.Clustered;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Index types that need training (IVF with flat and scalar-quantized lists),
 * built from a memory-mapped-like column, trained on a sample smaller than the vectors, searched
 * with and without a filter passed to FAISS as an id selector, and persisted and loaded back.
 */
class FaissFactoryStringsTest {

    private static final int DIMENSION = 32;
    private static final int K = 10;

    @ParameterizedTest
    @CsvSource({
            "'IVF32,Flat',  l2,     0.90",
            "'IVF32,SQ8',   l2,     0.85",
            "'IVF32,SQ8',   cosine, 0.85",
            "'IVF32,SQ8',   dot,    0.85",
    })
    void trainedIndexesFindTheNearestAndHonourTheFilter(String factoryString, String metricName, double floor) throws IOException {
        Metric metric = Metric.fromName(metricName);
        Clustered data = IndexFixtures.clustered(4_000, DIMENSION, 32, 5);
        float[][] queries = queries(data, 30);
        IntPredicate filter = ordinal -> ordinal % 4 == 0;
        FaissIndexFactory factory = new FaissIndexFactory();
        IndexSpec spec = new IndexSpec(DIMENSION, metric, Map.of("factory", factoryString, "train_sample", "2000"));
        Map<String, String> search = Map.of("nprobe", "8");
        try (Arena arena = Arena.ofShared()) {
            VectorValues values = data.values().inSegment(arena);
            try (VectorIndex index = factory.build(spec, values, VectorKernelsProvider.best())) {
                double recall = IndexFixtures.recall(index, values, metric, queries, K, null, search);
                double filteredRecall = IndexFixtures.recall(index, values, metric, queries, K, filter, search);
                System.out.printf("FaissFactoryStringsTest %s %s recall@10 = %.3f, filtered %.3f%n",
                        factoryString, metric, recall, filteredRecall);
                assertThat(recall).isGreaterThanOrEqualTo(floor);
                assertThat(filteredRecall).isGreaterThanOrEqualTo(floor);
                for (float[] query : queries) {
                    assertThat(index.search(query, K, filter, search)).hasSize(K).allMatch(n -> filter.test(n.ordinal()));
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                index.writeTo(Channels.newChannel(out));
                try (VectorIndex loaded = factory.load(spec, values, VectorKernelsProvider.best(),
                        MemorySegment.ofArray(out.toByteArray()))) {
                    for (float[] query : queries) {
                        List<Neighbor> expected = index.search(query, K, filter, search);
                        IndexFixtures.assertSameNeighbors(loaded.search(query, K, filter, search), expected, factoryString);
                    }
                }
            }
        }
    }

    private static float[][] queries(Clustered data, int count) {
        Random random = new Random(6);
        float[][] queries = new float[count][];
        for (int q = 0; q < count; q++) {
            queries[q] = data.queryNear(random.nextInt(data.centres().length), random);
        }
        return queries;
    }
}
