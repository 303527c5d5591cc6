package io.proximadb.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.proximadb.api.Collection;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.ProximaDB;
import io.proximadb.api.ProximaException;
import io.proximadb.api.Records;
import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.api.WriteBatch;
import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.vector.ScalarVectorKernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Records, search, filters, expiry and bad input, on a real database in a temporary directory. */
class CollectionTest {

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private ProximaDB db;

    private ProximaDB open() {
        db = EmbeddedDatabase.open(ProximaConfig.defaults().withDataDirectory(directory), clock);
        return db;
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"skiplist", "art", "btree", "hashmap"})
    void upsertGetDeleteWorkWithEveryMemtableAndSurviveReopening(String memtable) {
        Collection docs = open().createCollection(CollectionConfig.of("docs", 3, Metric.L2).withMemtable(memtable));
        docs.upsert(Records.of("a", new float[] {1, 2, 3}, "{\"lang\": \"en\", \"year\": 2024}"));
        docs.upsert(Records.of("b", new float[] {4, 5, 6}));
        docs.upsert(Records.of("a", new float[] {7, 8, 9}, "{\"lang\": \"fr\"}"));
        docs.delete("b");
        assertThat(docs.get("a")).get().extracting(VectorRecord::vector).isEqualTo(new float[] {7, 8, 9});
        assertThat(docs.get("b")).isEmpty();
        db.close();

        Collection reopened = open().collection("docs");
        assertThat(reopened.get("a")).get().extracting(r -> r.metadata().path("lang")).isEqualTo(new Value.Str("fr"));
        assertThat(reopened.get("b")).isEmpty();
        assertThat(reopened.describe().liveRecords()).isEqualTo(1);
        assertThat(reopened.describe().spec().memtable()).isEqualTo(memtable);
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void searchIsExactForEveryMetricWithTiesBrokenById(Metric metric) {
        Collection points = open().createCollection(CollectionConfig.of("points", 8, metric));
        Random random = new Random(metric.ordinal());
        List<VectorRecord> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            float[] vector = new float[8];
            for (int d = 0; d < 8; d++) {
                vector[d] = random.nextInt(5) - 2 + (d == 0 ? 0.5f : 0); // coarse values: many exact ties
            }
            records.add(Records.of("id-" + i, vector));
        }
        points.upsert(records);
        float[] query = records.get(17).vector();
        List<SearchHit> hits = points.search(SearchRequest.of(query, 25));
        List<String> expected = records.stream()
                .sorted(Comparator.comparingDouble((VectorRecord r) -> metric.distance(ScalarVectorKernels.INSTANCE, query, r.vector()))
                        .thenComparing(VectorRecord::id, io.proximadb.spi.record.Ids.ORDER))
                .limit(25).map(VectorRecord::id).toList();
        assertThat(hits).extracting(SearchHit::id).containsExactlyElementsOf(expected);
        SearchHit best = hits.getFirst();
        float expectedScore = metric.score(metric.distance(ScalarVectorKernels.INSTANCE, query,
                points.get(best.id()).orElseThrow().vector()));
        assertThat(best.score()).isCloseTo(expectedScore, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void scoresRunInTheMetricsNaturalDirection() {
        Collection l2 = open().createCollection(CollectionConfig.of("l2", 2, Metric.L2));
        Collection dot = db.createCollection(CollectionConfig.of("dot", 2, Metric.DOT));
        for (Collection c : List.of(l2, dot)) {
            c.upsert(List.of(Records.of("near", new float[] {1, 0}), Records.of("far", new float[] {3, 4})));
        }
        List<SearchHit> byL2 = l2.search(SearchRequest.of(new float[] {1, 0}, 2));
        assertThat(byL2).extracting(SearchHit::id).containsExactly("near", "far");
        assertThat(byL2.get(0).score()).isEqualTo(0f);
        assertThat(byL2.get(1).score()).isCloseTo((float) Math.sqrt(20), org.assertj.core.data.Offset.offset(1e-5f));
        List<SearchHit> byDot = dot.search(SearchRequest.of(new float[] {1, 1}, 2));
        assertThat(byDot).extracting(SearchHit::id).containsExactly("far", "near");
        assertThat(byDot).extracting(SearchHit::score).containsExactly(7f, 1f);
    }

    @Test
    void filtersSelectByMetadataAndHitsCarryWhatWasAskedFor() {
        Collection docs = open().createCollection(CollectionConfig.of("docs", 2, Metric.L2));
        docs.upsert(List.of(
                Records.of("en1", new float[] {0, 0}, "{\"lang\": \"en\", \"meta\": {\"year\": 2020}, \"tags\": [\"a\", \"b\"]}"),
                Records.of("en2", new float[] {1, 1}, "{\"lang\": \"en\", \"meta\": {\"year\": 2024}}"),
                Records.of("fr1", new float[] {0, 0.1f}, "{\"lang\": \"fr\", \"meta\": {\"year\": 2024}, \"tags\": [\"b\"]}")));
        float[] origin = {0, 0};
        assertThat(docs.search(SearchRequest.of(origin, 10).withFilter("{\"lang\": \"en\"}")))
                .extracting(SearchHit::id).containsExactly("en1", "en2");
        assertThat(docs.search(SearchRequest.of(origin, 10).withFilter("{\"meta.year\": {\"$gte\": 2021}}")))
                .extracting(SearchHit::id).containsExactly("fr1", "en2");
        assertThat(docs.search(SearchRequest.of(origin, 10).withFilter("{\"tags\": \"b\"}")))
                .extracting(SearchHit::id).containsExactly("en1", "fr1");
        assertThat(docs.search(SearchRequest.of(origin, 10).withFilter(
                "{\"$or\": [{\"lang\": \"fr\"}, {\"$not\": {\"tags\": {\"$exists\": true}}}]}")))
                .extracting(SearchHit::id).containsExactly("fr1", "en2");
        SearchHit hit = docs.search(SearchRequest.of(origin, 1).withMetadata().withVector()).getFirst();
        assertThat(hit.metadata().path("lang")).isEqualTo(new Value.Str("en"));
        assertThat(hit.vector()).containsExactly(0f, 0f);
        SearchHit bare = docs.search(SearchRequest.of(origin, 1)).getFirst();
        assertThat(bare.metadata()).isNull();
        assertThat(bare.vector()).isNull();
    }

    @Test
    void expiredRecordsAreNeverReturnedAndTtlSurvivesReopening() {
        Collection cache = open().createCollection(CollectionConfig.of("cache", 2, Metric.L2));
        cache.upsert(Records.of("short", new float[] {0, 0}), Duration.ofSeconds(10));
        cache.upsert(Records.of("long", new float[] {1, 1}), Duration.ofHours(1));
        cache.upsert(Records.of("forever", new float[] {2, 2}));
        clock.advance(Duration.ofSeconds(10));
        assertThat(cache.get("short")).isEmpty();
        assertThat(cache.search(SearchRequest.of(new float[] {0, 0}, 10))).extracting(SearchHit::id)
                .containsExactly("long", "forever");
        db.close();
        clock.advance(Duration.ofHours(1));
        Collection reopened = open().collection("cache");
        assertThat(reopened.search(SearchRequest.of(new float[] {0, 0}, 10))).extracting(SearchHit::id)
                .containsExactly("forever");
    }

    @Test
    void aBatchIsAppliedWhole() {
        Collection docs = open().createCollection(CollectionConfig.of("docs", 2, Metric.L2));
        docs.upsert(Records.of("old", new float[] {0, 0}));
        docs.write(new WriteBatch().upsert(Records.of("x", new float[] {1, 1})).delete("old")
                .upsert(Records.of("y", new float[] {2, 2})));
        assertThat(docs.get("old")).isEmpty();
        assertThat(docs.get("x")).isPresent();
        assertThat(docs.get("y")).isPresent();
    }

    @Test
    void badInputIsRejectedByNameAndARejectedBatchChangesNothing() {
        Collection docs = open().createCollection(CollectionConfig.of("docs", 3, Metric.COSINE));
        docs.upsert(Records.of("keep", new float[] {1, 0, 0}));
        long before = docs.describe().lastSequence();
        assertInvalid(() -> docs.upsert(Records.of("a", new float[] {1, 2})), "dimension 2", "expects 3");
        assertInvalid(() -> docs.upsert(Records.of("a", new float[] {1, Float.NaN, 0})), "NaN at index 1");
        assertInvalid(() -> docs.upsert(Records.of("a", new float[] {Float.POSITIVE_INFINITY, 0, 0})), "infinite");
        assertInvalid(() -> docs.upsert(Records.of("", new float[] {1, 0, 0})), "empty");
        assertInvalid(() -> docs.upsert(Records.of("x".repeat(513), new float[] {1, 0, 0})), "513 bytes");
        assertInvalid(() -> docs.upsert(Records.of("z", new float[] {0, 0, 0})), "all zeros");
        assertInvalid(() -> Records.of("a", new float[] {1, 0, 0}, "[1, 2]"), "must be a JSON object");
        assertInvalid(() -> Records.of("a", new float[] {1, 0, 0}, "{\"a\": "), "malformed JSON");
        assertInvalid(() -> docs.search(SearchRequest.of(new float[] {1, 0, 0}, 1).withFilter("{\"a\": {\"$regex\": 1}}")),
                "unknown operator '$regex'", "$in");
        assertInvalid(() -> docs.search(SearchRequest.of(new float[] {1, 0}, 1)), "query vector has dimension 2");
        assertInvalid(() -> docs.search(SearchRequest.of(new float[] {1, 0, 0}, 0)), "k must be");
        assertInvalid(() -> docs.upsert(List.of(Records.of("good", new float[] {0, 1, 0}),
                Records.of("bad", new float[] {0, Float.NaN, 0}))), "record 'bad'");
        assertThat(docs.get("good")).isEmpty();
        assertThat(docs.describe().lastSequence()).isEqualTo(before);
        assertThat(docs.describe().liveRecords()).isEqualTo(1);
    }

    @Test
    void collectionsAreCreatedListedDescribedAndDroppedDurably() {
        open().createCollection(CollectionConfig.of("b", 4, Metric.DOT).withWalCodec("avro").withMemtable("art"));
        db.createCollection(CollectionConfig.of("a", 2, Metric.MANHATTAN)).upsert(Records.of("x", new float[] {1, 1}));
        assertThatThrownBy(() -> db.createCollection(CollectionConfig.of("a", 2, Metric.L2)))
                .isInstanceOf(ProximaException.CollectionExists.class).hasMessageContaining("'a' already exists");
        assertThatThrownBy(() -> db.createCollection(CollectionConfig.of("c", 2, Metric.L2).withMemtable("art2")))
                .isInstanceOf(ProximaException.PluginNotAvailable.class)
                .hasMessageContaining("memtable plugin 'art2'").hasMessageContaining("art, btree, hashmap, skiplist");
        assertThatThrownBy(() -> db.createCollection(CollectionConfig.of("no/slash", 2, Metric.L2)))
                .isInstanceOf(ProximaException.InvalidArgument.class).hasMessageContaining("no/slash");
        assertThatThrownBy(() -> db.collection("missing")).isInstanceOf(ProximaException.CollectionNotFound.class)
                .hasMessageContaining("'missing' does not exist");
        db.close();

        open();
        assertThat(db.listCollections()).extracting(i -> i.spec().name() + ":" + i.spec().metric() + ":"
                + i.spec().walCodec() + ":" + i.spec().memtable() + ":" + i.liveRecords())
                .containsExactly("a:manhattan:bincode:skiplist:1", "b:dot:avro:art:0");
        Collection a = db.collection("a");
        db.dropCollection("a");
        assertThatThrownBy(() -> a.get("x")).isInstanceOf(ProximaException.CollectionNotFound.class);
        db.createCollection(CollectionConfig.of("a", 3, Metric.L2));
        db.close();

        open();
        assertThat(db.listCollections()).extracting(i -> i.spec().name() + ":" + i.spec().dimension() + ":" + i.liveRecords())
                .containsExactly("a:3:0", "b:4:0");
    }

    @Test
    void aHandleKeptPastTheDatabasesCloseFailsAtOnceNamingTheCause() {
        Collection docs = open().createCollection(CollectionConfig.of("docs", 3, Metric.L2));
        docs.upsert(Records.of("a", new float[] {1, 2, 3}));
        db.close();
        List<ThrowingCallable> calls = List.of(() -> docs.get("a"), () -> docs.search(SearchRequest.of(new float[] {1, 2, 3}, 1)),
                docs::describe, () -> docs.upsert(Records.of("b", new float[] {1, 2, 3})), () -> docs.delete("a"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (ThrowingCallable call : calls) {
                assertThatThrownBy(call).isInstanceOf(IllegalStateException.class).hasMessageContaining("'docs' is closed");
            }
        });
    }

    @Test
    void writesAfterTheLogLostFlushedEntriesAreNumberedAfterTheSegmentsAndSurviveTheNextRestart() throws IOException {
        Collection docs = open().createCollection(CollectionConfig.of("docs", 3, Metric.L2));
        for (int i = 0; i < 100; i++) {
            docs.upsert(Records.of("old" + i, new float[] {i, 1, 1}));
        }
        docs.flush();
        db.close();
        // A power cut under fsync interval or none can take log entries a flush had put in a segment
        // already: here, the whole log.
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.getParent().getFileName().toString().equals("wal")).toList()) {
                Files.delete(file);
            }
        }

        Collection reopened = open().collection("docs");
        assertThat(reopened.describe().liveRecords()).as("all in the segment").isEqualTo(100);
        for (int i = 0; i < 5; i++) {
            reopened.upsert(Records.of("new" + i, new float[] {i, 2, 2}));
        }
        assertThat(reopened.describe().lastSequence()).as("numbered after the flushed sequence").isGreaterThan(100);
        db.close();

        Collection again = open().collection("docs");
        for (int i = 0; i < 5; i++) {
            assertThat(again.get("new" + i)).as("new%d, acknowledged after the loss", i).isPresent();
        }
        assertThat(again.describe().liveRecords()).isEqualTo(105);
    }

    private static void assertInvalid(Runnable action, String... fragments) {
        var assertion = assertThatThrownBy(action::run).isInstanceOf(ProximaException.InvalidArgument.class);
        for (String fragment : fragments) {
            assertion.hasMessageContaining(fragment);
        }
    }
}
