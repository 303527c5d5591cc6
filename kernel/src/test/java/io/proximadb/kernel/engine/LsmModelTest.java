package io.proximadb.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.api.Collection;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.api.WriteBatch;
import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.kernel.filter.Filter;
import io.proximadb.kernel.filter.FilterParser;
import io.proximadb.spi.record.Ids;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.vector.ScalarVectorKernels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The LSM read path against a model: random upserts, deletes, batches, expiries, flushes, merges
 * and reopenings, then every get, a filtered and unfiltered search and the live count must equal
 * brute force over a map of what should be live. Vectors are small integers, so every distance is
 * exact and the order of results (ties by id) is fully determined.
 */
class LsmModelTest {

    private static final List<String> FILTERS = List.of(
            "{\"tag\": \"a\"}",
            "{\"n\": {\"$gte\": 5}}",
            "{\"$or\": [{\"tag\": \"b\"}, {\"n\": {\"$lt\": 2}}]}",
            "{\"tag\": {\"$ne\": \"c\"}, \"n\": {\"$in\": [1, 3, 5, 7]}}",
            "{\"$not\": {\"tags\": \"x\"}}");

    sealed interface Op {
    }

    record Upsert(String id, int[] vector, String tag, int n, boolean withArray, boolean expiring) implements Op {
    }

    record Delete(String id) implements Op {
    }

    record Batch(List<Upsert> upserts, List<String> deletes) implements Op {
    }

    record Flush() implements Op {
    }

    record Compact() implements Op {
    }

    record Reopen() implements Op {
    }

    record Tick() implements Op {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<String> ids = Arbitraries.integers().between(0, 40).map(i -> "id-" + i);
        Arbitrary<Upsert> upserts = Combinators.combine(ids,
                Arbitraries.integers().between(-4, 4).array(int[].class).ofSize(3),
                Arbitraries.of("a", "b", "c"), Arbitraries.integers().between(0, 9),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, 9).map(i -> i == 0))
                .as(Upsert::new);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, upserts.map(u -> (Op) u)),
                net.jqwik.api.Tuple.of(5, ids.map(id -> (Op) new Delete(id))),
                net.jqwik.api.Tuple.of(3, Combinators.combine(upserts.list().ofMaxSize(4), ids.list().ofMaxSize(2))
                        .as((u, d) -> (Op) new Batch(u, d))),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new Flush())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Compact())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Reopen())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Tick())));
        return op.list().ofMinSize(1).ofMaxSize(120);
    }

    @Property(tries = 40)
    void everyReadEqualsBruteForceOverTheModel(@ForAll("operations") List<Op> operations,
                                               @ForAll @Size(3) List<@net.jqwik.api.constraints.IntRange(min = -4, max = 4) Integer> query)
            throws IOException {
        Path directory = Files.createTempDirectory("lsm-model");
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        // A tiny flush threshold and merges of two: the random walk crosses every storage path.
        ProximaConfig config = ProximaConfig.defaults().withDataDirectory(directory)
                .with("storage.flush_bytes", 2048).with("compaction.min_merge", 2).with("compaction.max_merge", 3);
        Map<String, VectorRecord> model = new TreeMap<>(Ids.ORDER);
        EmbeddedDatabase db = EmbeddedDatabase.open(config, clock);
        try {
            Collection docs = db.createCollection(CollectionConfig.of("docs", 3, Metric.L2));
            for (Op operation : operations) {
                switch (operation) {
                    case Upsert upsert -> {
                        WriteBatch batch = new WriteBatch();
                        add(batch, upsert);
                        docs.write(batch);
                        model.put(upsert.id(), record(upsert, clock));
                    }
                    case Delete delete -> {
                        docs.delete(delete.id());
                        model.remove(delete.id());
                    }
                    case Batch batch -> {
                        WriteBatch write = new WriteBatch();
                        batch.upserts().forEach(u -> add(write, u));
                        batch.deletes().forEach(write::delete);
                        docs.write(write);
                        batch.upserts().forEach(u -> model.put(u.id(), record(u, clock)));
                        batch.deletes().forEach(model::remove);
                    }
                    case Flush flush -> docs.flush();
                    case Compact compact -> docs.compact();
                    case Reopen reopen -> {
                        db.close();
                        db = EmbeddedDatabase.open(config, clock);
                        docs = db.collection("docs");
                    }
                    case Tick tick -> {
                        clock.advance(Duration.ofMinutes(2));
                        long now = clock.millis();
                        model.values().removeIf(r -> r.isExpiredAt(now));
                    }
                }
            }
            check(docs, model, query.stream().mapToInt(Integer::intValue).toArray());
            db.close();
            db = EmbeddedDatabase.open(config, clock);
            check(db.collection("docs"), model, query.stream().mapToInt(Integer::intValue).toArray());
        } finally {
            db.close();
            deleteRecursively(directory);
        }
    }

    private static void add(WriteBatch batch, Upsert upsert) {
        VectorRecord record = record(upsert, null);
        if (upsert.expiring()) {
            batch.upsert(record, Duration.ofMinutes(1));
        } else {
            batch.upsert(record);
        }
    }

    /** The record as stored; with a clock, its expiry as the engine computes it. */
    private static VectorRecord record(Upsert upsert, MutableClock clock) {
        float[] vector = new float[3];
        for (int i = 0; i < 3; i++) {
            vector[i] = upsert.vector()[i];
        }
        Map<String, Value> fields = new TreeMap<>();
        fields.put("tag", new Value.Str(upsert.tag()));
        fields.put("n", new Value.Int(upsert.n()));
        if (upsert.withArray()) {
            fields.put("tags", new Value.Array(List.of(new Value.Str("x"), new Value.Str(upsert.tag()))));
        }
        long expiry = upsert.expiring() && clock != null ? clock.millis() + Duration.ofMinutes(1).toMillis()
                : VectorRecord.NEVER_EXPIRES;
        return new VectorRecord(upsert.id(), vector, new Value.Obj(fields), expiry);
    }

    private static void check(Collection docs, Map<String, VectorRecord> model, int[] query) {
        for (int i = 0; i <= 40; i++) {
            String id = "id-" + i;
            assertThat(docs.get(id)).as("get(%s)", id).isEqualTo(java.util.Optional.ofNullable(model.get(id)));
        }
        assertThat(docs.describe().liveRecords()).isEqualTo(model.size());
        float[] vector = {query[0], query[1], query[2]};
        for (int k : new int[] {1, 5, 50}) {
            assertThat(ids(docs.search(SearchRequest.of(vector, k)))).isEqualTo(bruteForce(model, vector, k, null));
            for (String json : FILTERS) {
                Filter filter = FilterParser.parse(json);
                assertThat(ids(docs.search(SearchRequest.of(vector, k).withFilter(filter))))
                        .as("k=%d filter %s", k, json).isEqualTo(bruteForce(model, vector, k, filter));
            }
        }
        List<SearchHit> withFields = docs.search(SearchRequest.of(vector, 3).withMetadata().withVector());
        for (SearchHit hit : withFields) {
            VectorRecord expected = model.get(hit.id());
            assertThat(hit.metadata()).isEqualTo(expected.metadata());
            assertThat(hit.vector()).containsExactly(expected.vector());
        }
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(h -> h.id() + "@" + h.score()).toList();
    }

    private static List<String> bruteForce(Map<String, VectorRecord> model, float[] query, int k, Filter filter) {
        return model.values().stream()
                .filter(r -> filter == null || filter.matches(r.metadata()))
                .sorted(Comparator.comparingDouble((VectorRecord r) -> Metric.L2.distance(ScalarVectorKernels.INSTANCE, query, r.vector()))
                        .thenComparing(VectorRecord::id, Ids.ORDER))
                .limit(k)
                .map(r -> r.id() + "@" + Metric.L2.score(Metric.L2.distance(ScalarVectorKernels.INSTANCE, query, r.vector())))
                .toList();
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
