package io.proximadb.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.api.Collection;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.ProximaException;
import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.VectorRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collection whose index is {@code axis}: each flushed segment gets the index AXIS chose for it,
 * persisted beside it and loaded on reopen, and searches find the true neighbours at the target.
 */
class AxisCollectionTest {

    private static final int DIMENSION = 12;

    @TempDir
    Path directory;

    @Test
    void flushedSegmentsAreIndexedByAxisPersistedAndSearchedAtTheTarget() throws IOException {
        ProximaConfig config = ProximaConfig.defaults().withDataDirectory(directory).with("compaction.enabled", false);
        Random random = new Random(11);
        List<float[]> vectors = new ArrayList<>();
        float[][] queries = new float[20][];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = gaussian(random);
        }
        List<List<String>> before = new ArrayList<>();
        try (EmbeddedDatabase db = EmbeddedDatabase.open(config)) {
            Collection docs = db.createCollection(CollectionConfig.of("docs", DIMENSION, Metric.L2).withIndex("axis")
                    .withOption("index.target_recall", "0.95").withOption("index.candidates", "hnsw-m8,ivf"));
            for (int flush = 0; flush < 2; flush++) {
                List<VectorRecord> records = new ArrayList<>();
                for (int i = 0; i < 2_000; i++) {
                    float[] vector = gaussian(random);
                    vectors.add(vector);
                    records.add(new VectorRecord("r" + vectors.size(), vector));
                }
                docs.upsert(records);
                docs.flush();
            }
            assertThat(indexFiles()).hasSize(2);
            // The first segment was built before any search: planned for k = 10. Searches at k = 20
            // since then make the next segment's index plan for k = 20.
            for (int i = 0; i < 120; i++) {
                docs.search(SearchRequest.of(queries[i % queries.length], 20));
            }
            List<VectorRecord> more = new ArrayList<>();
            for (int i = 0; i < 1_500; i++) {
                float[] vector = gaussian(random);
                vectors.add(vector);
                more.add(new VectorRecord("r" + vectors.size(), vector));
            }
            docs.upsert(more);
            // before any segment is built over them, efforts for either kind of index are accepted
            assertThat(docs.search(SearchRequest.of(queries[0], 10).withParams(java.util.Map.of("ef", "64", "nprobe", "4"))))
                    .hasSize(10);
            docs.flush();
            assertThat(indexHeaders()).hasSize(3).anyMatch(h -> h.contains("\nk=20\n"))
                    .anyMatch(h -> h.contains("\nk=10\n"));
            assertThat(docs.search(SearchRequest.of(queries[0], 10).withParams(java.util.Map.of("ef", "64", "nprobe", "4"))))
                    .hasSize(10);
            assertThatThrownBy(() -> docs.search(SearchRequest.of(queries[0], 10).withParams(java.util.Map.of("efs", "64"))))
                    .isInstanceOf(ProximaException.class).hasMessageContaining("'efs'");
            double recall = 0;
            for (float[] query : queries) {
                List<String> found = ids(docs.search(SearchRequest.of(query, 10)));
                before.add(found);
                recall += overlap(found, exact(vectors, query)) / 10.0;
            }
            // each segment meets 0.95 on queries like its data; merging two segments' answers keeps it
            assertThat(recall / queries.length).isGreaterThanOrEqualTo(0.9);
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.open(config)) {
            Collection docs = db.collection("docs");
            for (int q = 0; q < queries.length; q++) {
                assertThat(ids(docs.search(SearchRequest.of(queries[q], 10)))).isEqualTo(before.get(q));
            }
        }
    }

    @Test
    void aBadAxisParameterFailsTheCreationWithItsName() {
        try (EmbeddedDatabase db = EmbeddedDatabase.open(ProximaConfig.defaults().withDataDirectory(directory))) {
            assertThatThrownBy(() -> db.createCollection(CollectionConfig.of("docs", 4, Metric.L2).withIndex("axis")
                    .withOption("index.target_recall", "2")))
                    .isInstanceOf(ProximaException.class).hasMessageContaining("target_recall");
        }
    }

    private static float[] gaussian(Random random) {
        float[] vector = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            vector[d] = (float) random.nextGaussian();
        }
        return vector;
    }

    private static List<String> exact(List<float[]> vectors, float[] query) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> squaredL2(vectors.get(i), query)));
        return order.subList(0, 10).stream().map(i -> "r" + (i + 1)).toList();
    }

    private static double squaredL2(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += (a[d] - b[d]) * (a[d] - b[d]);
        }
        return sum;
    }

    private static int overlap(List<String> found, List<String> truth) {
        return (int) found.stream().filter(truth::contains).count();
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::id).toList();
    }

    /** The text of each axis index file's header. */
    private List<String> indexHeaders() throws IOException {
        List<String> headers = new ArrayList<>();
        for (Path file : indexFiles()) {
            byte[] bytes = Files.readAllBytes(file);
            headers.add(new String(bytes, 0, Math.min(bytes.length, 512), java.nio.charset.StandardCharsets.UTF_8));
        }
        return headers;
    }

    private List<Path> indexFiles() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".index")).toList();
        }
    }
}
