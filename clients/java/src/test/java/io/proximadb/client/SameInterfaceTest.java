package io.proximadb.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.api.Collection;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.ProximaDB;
import io.proximadb.api.SearchRequest;
import io.proximadb.api.WriteBatch;
import io.proximadb.kernel.filter.Filter;
import io.proximadb.kernel.filter.FilterParser;
import io.proximadb.kernel.filter.Operator;
import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point of the client: the same program, run on the embedded engine and on a server through
 * the client, sees the same answers and the same errors, call for call.
 */
class SameInterfaceTest {

    @TempDir
    Path directory;

    @Test
    void everyCallAnswersAsTheEmbeddedEngineDoes() {
        List<String> embedded;
        try (ProximaDB db = ProximaDB.open(directory.resolve("embedded"))) {
            embedded = exercise(db);
        }
        List<String> remote;
        try (LiveServer server = LiveServer.start(directory.resolve("served")); ProximaDB db = server.connect()) {
            remote = exercise(db);
        }
        assertThat(String.join("\n", remote)).isEqualTo(String.join("\n", embedded));
        assertThat(embedded).hasSizeGreaterThan(35);
    }

    /** Touches every method of {@link ProximaDB} and {@link Collection} that both implement, with good and bad input. */
    static List<String> exercise(ProximaDB db) {
        Transcript t = new Transcript();
        t.call("create docs", () -> db.createCollection(CollectionConfig.of("docs", 3, Metric.COSINE)).describe());
        t.call("create docs again", () -> db.createCollection(CollectionConfig.of("docs", 3, Metric.COSINE)));
        t.call("create bad name", () -> db.createCollection(CollectionConfig.of("no spaces", 3, Metric.L2)));
        t.call("create empty name", () -> db.createCollection(CollectionConfig.of("", 3, Metric.L2)));
        t.call("create dimension too large", () -> db.createCollection(CollectionConfig.of("big", 65_537, Metric.L2)));
        t.call("create dimension 0", () -> db.createCollection(CollectionConfig.of("flat", 0, Metric.L2)));
        t.call("create unknown index", () -> db.createCollection(CollectionConfig.of("x", 3, Metric.L2).withIndex("nope")));
        t.call("create l2 flat", () -> db.createCollection(CollectionConfig.of("l2", 2, Metric.L2).withIndex("flat")).describe());
        t.call("open missing", () -> db.collection("missing"));
        t.call("drop missing", () -> db.dropCollection("missing"));
        t.call("list", db::listCollections);

        Collection docs = db.collection("docs");
        t.call("name", docs::name);
        t.call("upsert one", () -> docs.upsert(new VectorRecord("a", new float[] {1, 0, 0})));
        t.call("upsert many", () -> docs.upsert(List.of(
                new VectorRecord("b", new float[] {0, 1, 0}, MetadataJson.parseObject(
                        "{\"lang\": \"de\", \"year\": 2021, \"score\": 2021.0, \"ok\": true, \"tags\": [\"x\", 1]}")),
                new VectorRecord("c", new float[] {0.9f, 0.1f, 0}, MetadataJson.parseObject(
                        "{\"lang\": \"en\", \"year\": 2022, \"author\": {\"name\": \"Ada\", \"born\": 1815}}")),
                new VectorRecord("d", new float[] {0, 0, 1}, MetadataJson.parseObject("{\"lang\": \"en\", \"year\": 2020}")))));
        t.call("upsert with ttl", () -> docs.upsert(new VectorRecord("e", new float[] {0.5f, 0.5f, 0}), Duration.ofHours(1)));
        t.call("upsert zero ttl", () -> docs.upsert(new VectorRecord("e", new float[] {0.5f, 0.5f, 0}), Duration.ZERO));
        t.call("upsert wrong dimension", () -> docs.upsert(new VectorRecord("z", new float[] {1, 2})));
        t.call("upsert NaN", () -> docs.upsert(new VectorRecord("z", new float[] {1, Float.NaN, 0})));
        t.call("upsert bad id", () -> docs.upsert(new VectorRecord("", new float[] {1, 0, 0})));
        t.call("upsert one bad of two", () -> docs.upsert(List.of(new VectorRecord("y", new float[] {1, 0, 0}),
                new VectorRecord("z", new float[] {1, 0}))));
        t.call("get a", () -> docs.get("a"));
        t.call("get c", () -> docs.get("c"));
        t.call("get e (ttl)", () -> docs.get("e"));
        t.call("get y (rejected batch)", () -> docs.get("y"));
        t.call("get absent", () -> docs.get("nobody"));
        t.call("get empty id", () -> docs.get(""));
        t.call("delete empty id", () -> docs.delete(""));
        t.call("delete empty ids", () -> docs.delete(List.of("a", "")));

        float[] q = {1, 0, 0};
        t.call("search k=3", () -> docs.search(SearchRequest.of(q, 3)));
        t.call("search all", () -> docs.search(SearchRequest.of(q, 100).withMetadata().withVector()));
        t.call("search filter text", () -> docs.search(SearchRequest.of(q, 5).withFilter("{\"lang\": \"en\"}").withMetadata()));
        t.call("search filter built", () -> docs.search(SearchRequest.of(q, 5)
                .withFilter(new Filter.Or(List.of(new Filter.Compare("year", Operator.GTE, new Value.Int(2022)),
                        new Filter.Exists("ok", true))))));
        t.call("search nested + $nin", () -> docs.search(SearchRequest.of(q, 5)
                .withFilter("{\"author.born\": {\"$lt\": 1900}, \"lang\": {\"$nin\": [\"fr\"]}}")));
        t.call("search real vs int", () -> docs.search(SearchRequest.of(q, 5).withFilter("{\"score\": 2021}")));
        t.call("search k=0", () -> docs.search(SearchRequest.of(q, 0)));
        t.call("search k too large", () -> docs.search(SearchRequest.of(q, SearchRequest.MAX_K + 1)));
        t.call("search wrong dimension", () -> docs.search(SearchRequest.of(new float[] {1, 0}, 1)));
        t.call("search unknown param", () -> docs.search(SearchRequest.of(q, 1).withParams(Map.of("bogus", "1"))));
        t.call("search bad filter", () -> docs.search(SearchRequest.of(q, 1).withFilter("{\"a\": {\"$near\": 1}}")));

        t.call("write upserts", () -> docs.write(new WriteBatch()
                .upsert(new VectorRecord("f", new float[] {0, 1, 1}))
                .upsert(new VectorRecord("g", new float[] {1, 1, 0}), Duration.ofMinutes(5))));
        t.call("write deletes", () -> docs.write(new WriteBatch().delete("f").delete("nobody")));
        t.call("get f", () -> docs.get("f"));
        t.call("get g", () -> docs.get("g"));
        t.call("delete one", () -> docs.delete("a"));
        t.call("delete absent", () -> docs.delete("nobody"));
        t.call("delete ids", () -> docs.delete(List.of("g", "zz")));
        t.call("delete by filter", () -> docs.delete(FilterParser.parse("{\"lang\": \"de\"}")));
        t.call("delete by filter none", () -> docs.delete(FilterParser.parse("{\"lang\": \"xx\"}")));
        t.call("search after deletes", () -> docs.search(SearchRequest.of(q, 10)));
        t.call("describe live", () -> docs.describe().liveRecords());
        t.call("describe spec", () -> docs.describe().spec());

        Collection l2 = db.collection("l2");
        t.call("l2 upsert", () -> l2.upsert(List.of(new VectorRecord("p", new float[] {3, 4}),
                new VectorRecord("o", new float[] {0, 0}))));
        t.call("l2 search", () -> l2.search(SearchRequest.of(new float[] {0, 0}, 2).withVector()));

        t.call("list", db::listCollections);
        t.call("drop docs", () -> db.dropCollection("docs"));
        t.call("open dropped", () -> db.collection("docs"));
        t.call("list after drop", () -> db.listCollections().stream().map(info -> info.name()).toList());
        return t.lines();
    }
}
