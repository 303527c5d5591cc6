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
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segments indexed by the collection's index plugin: a persisting index (hnsw) is written beside
 * each flushed and merged segment, named by the manifest, loaded on reopen instead of rebuilt,
 * and deleted with its segment.
 */
class SegmentIndexTest {

    @TempDir
    Path directory;

    @Test
    void hnswIndexesArePersistedLoadedAndDeletedWithTheirSegments() throws IOException {
        ProximaConfig config = ProximaConfig.defaults().withDataDirectory(directory)
                .with("compaction.min_merge", 2).with("compaction.enabled", false);
        Random random = new Random(7);
        float[] query = new float[16];
        for (int d = 0; d < query.length; d++) {
            query[d] = random.nextFloat();
        }
        List<String> before;
        try (EmbeddedDatabase db = EmbeddedDatabase.open(config)) {
            Collection docs = db.createCollection(CollectionConfig.of("docs", 16, Metric.L2).withIndex("hnsw")
                    .withOption("index.m", "8"));
            for (int flush = 0; flush < 2; flush++) {
                List<VectorRecord> records = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    float[] vector = new float[16];
                    for (int d = 0; d < vector.length; d++) {
                        vector[d] = random.nextFloat();
                    }
                    records.add(new VectorRecord("r" + flush + "-" + i, vector));
                }
                docs.upsert(records);
                docs.flush();
            }
            assertThat(indexFiles()).hasSize(2);
            before = ids(docs.search(SearchRequest.of(query, 10).withParams(java.util.Map.of("ef", "200"))));
            assertThat(before).hasSize(10);
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.open(config)) {
            Collection docs = db.collection("docs");
            assertThat(ids(docs.search(SearchRequest.of(query, 10).withParams(java.util.Map.of("ef", "200")))))
                    .isEqualTo(before);
            docs.compact(); // disabled: nothing changes
            assertThat(indexFiles()).hasSize(2);
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.open(config.with("compaction.enabled", true))) {
            Collection docs = db.collection("docs");
            docs.compact();
            assertThat(docs.describe().storage().segments()).isEqualTo(1);
            assertThat(indexFiles()).hasSize(1);
            assertThat(docs.describe().liveRecords()).isEqualTo(1000);
        }
    }

    @Test
    void anUnknownIndexParameterFailsTheCreationNotALaterFlush() {
        try (EmbeddedDatabase db = EmbeddedDatabase.open(ProximaConfig.defaults().withDataDirectory(directory))) {
            assertThatThrownBy(() -> db.createCollection(CollectionConfig.of("docs", 4, Metric.L2).withIndex("hnsw")
                    .withOption("index.mm", "8")))
                    .isInstanceOf(ProximaException.InvalidArgument.class).hasMessageContaining("mm");
            assertThat(db.listCollections()).isEmpty();
        }
    }

    @Test
    void searchParametersAreCheckedByTheCollectionsIndexWithOrWithoutSegments() {
        try (EmbeddedDatabase db = EmbeddedDatabase.open(ProximaConfig.defaults().withDataDirectory(directory))) {
            Collection exact = db.createCollection(CollectionConfig.of("exact", 2, Metric.L2));
            Collection graph = db.createCollection(CollectionConfig.of("graph", 2, Metric.L2).withIndex("hnsw"));
            for (Collection collection : List.of(exact, graph)) {
                collection.upsert(new VectorRecord("a", new float[] {1, 2}));
            }
            SearchRequest withEf = SearchRequest.of(new float[] {1, 2}, 1).withParams(java.util.Map.of("ef", "32"));
            for (int round = 0; round < 2; round++) {
                assertThatThrownBy(() -> exact.search(withEf)).isInstanceOf(ProximaException.InvalidArgument.class)
                        .hasMessageContaining("ef");
                assertThat(ids(graph.search(withEf))).containsExactly("a");
                assertThatThrownBy(() -> graph.search(withEf.withParams(java.util.Map.of("nprobe", "4"))))
                        .isInstanceOf(ProximaException.InvalidArgument.class).hasMessageContaining("nprobe");
                exact.flush(); // the second round runs against segments
                graph.flush();
            }
        }
    }

    private List<Path> indexFiles() throws IOException {
        try (Stream<Path> files = Files.walk(directory.resolve("collections"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".index")).toList();
        }
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::id).toList();
    }
}
