package io.proximadb.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.api.Collection;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.ProximaDB;
import io.proximadb.api.Records;
import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.kernel.filter.FilterParser;
import io.proximadb.spi.record.Metric;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Collection#delete(io.proximadb.kernel.filter.Filter)}: what it deletes, what it counts, that it lasts. */
class DeleteByFilterTest {

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

    @Test
    void deletesTheMatchesInMemtablesAndSegmentsInOneBatchAndTheDeletionLasts() {
        Collection docs = open().createCollection(CollectionConfig.of("docs", 2, Metric.L2));
        docs.upsert(Records.of("seg-en", new float[] {0, 1}, "{\"lang\": \"en\"}"));
        docs.upsert(Records.of("seg-fr", new float[] {0, 2}, "{\"lang\": \"fr\"}"));
        docs.flush();
        docs.upsert(Records.of("mem-en", new float[] {0, 3}, "{\"lang\": \"en\"}"));
        docs.upsert(Records.of("mem-none", new float[] {0, 4}));
        long before = docs.describe().lastSequence();

        assertThat(docs.delete(FilterParser.parse("{\"lang\": \"en\"}"))).isEqualTo(2);

        // One atomic batch: its begin and commit markers take a sequence number each around the two deletes.
        assertThat(docs.describe().lastSequence()).isEqualTo(before + 4);
        assertThat(ids(docs)).containsExactly("mem-none", "seg-fr");
        db.close();
        assertThat(ids(open().collection("docs"))).containsExactly("mem-none", "seg-fr");
    }

    @Test
    void aFilterThatMatchesNothingWritesNothing() {
        Collection docs = open().createCollection(CollectionConfig.of("docs", 2, Metric.L2));
        docs.upsert(Records.of("a", new float[] {1, 1}, "{\"year\": 2020}"));
        long before = docs.describe().lastSequence();

        assertThat(docs.delete(FilterParser.parse("{\"year\": {\"$gt\": 2020}}"))).isZero();

        assertThat(docs.describe().lastSequence()).isEqualTo(before);
        assertThat(docs.describe().liveRecords()).isEqualTo(1);
    }

    @Test
    void deletedAndExpiredRecordsAreNotCounted() {
        Collection docs = open().createCollection(CollectionConfig.of("docs", 2, Metric.L2));
        docs.upsert(Records.of("gone", new float[] {1, 1}, "{\"tag\": \"x\"}"));
        docs.upsert(Records.of("expired", new float[] {2, 2}, "{\"tag\": \"x\"}"), Duration.ofSeconds(5));
        docs.upsert(Records.of("live", new float[] {3, 3}, "{\"tag\": \"x\"}"));
        docs.delete("gone");
        clock.advance(Duration.ofSeconds(5));

        assertThat(docs.delete(FilterParser.parse("{\"tag\": \"x\"}"))).isEqualTo(1);
        assertThat(docs.describe().liveRecords()).isZero();
    }

    private static List<String> ids(Collection collection) {
        return collection.search(SearchRequest.of(new float[] {0, 0}, 100)).stream().map(SearchHit::id).sorted().toList();
    }
}
