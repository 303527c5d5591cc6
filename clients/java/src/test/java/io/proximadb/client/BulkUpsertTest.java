package io.proximadb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.api.CollectionConfig;
import io.proximadb.api.ProximaException;
import io.proximadb.api.SearchRequest;
import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.VectorRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulkUpsert} streams many records over one UpsertStream call, and stops at the server's first error. */
class BulkUpsertTest {

    private static final int DIMENSION = 16;

    @TempDir
    Path directory;

    private LiveServer server;
    private RemoteDatabase db;

    @BeforeEach
    void start() {
        server = LiveServer.start(directory.resolve("data"));
        db = server.connect();
    }

    @AfterEach
    void stop() {
        db.close();
        server.close();
    }

    private static VectorRecord record(int i) {
        SplittableRandom random = new SplittableRandom(i);
        float[] vector = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            vector[d] = (float) random.nextDouble(-1, 1);
        }
        return new VectorRecord("r" + i, vector, MetadataJson.parseObject("{\"i\": " + i + "}"));
    }

    @Test
    void twentyThousandRecordsInOneStream() {
        RemoteCollection docs = db.createCollection(CollectionConfig.of("bulk", DIMENSION, Metric.L2));
        List<Long> progress = new ArrayList<>();
        long start = System.nanoTime();
        long upserted = docs.bulkUpsert(IntStream.range(0, 20_000).mapToObj(BulkUpsertTest::record), 1_000, progress::add);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("bulkUpsert: 20,000 records of dimension " + DIMENSION + " in " + millis + " ms");

        assertThat(upserted).isEqualTo(20_000);
        assertThat(progress).hasSize(20).startsWith(1_000L).endsWith(20_000L).isSorted();
        assertThat(docs.describe().liveRecords()).isEqualTo(20_000);
        assertThat(docs.get("r12345")).hasValue(record(12_345));
        assertThat(docs.search(SearchRequest.of(record(777).vector(), 1))).extracting(hit -> hit.id()).containsExactly("r777");
    }

    @Test
    void aLastPartialBatchIsSentToo() {
        RemoteCollection docs = db.createCollection(CollectionConfig.of("partial", DIMENSION, Metric.L2));
        List<Long> progress = new ArrayList<>();
        assertThat(docs.bulkUpsert(IntStream.range(0, 2_345).mapToObj(BulkUpsertTest::record).iterator(), 1_000,
                progress::add)).isEqualTo(2_345);
        assertThat(progress).containsExactly(1_000L, 2_000L, 2_345L);
        assertThat(docs.bulkUpsert(Stream.empty(), 10, progress::add)).isZero();
    }

    @Test
    void theServersErrorEndsTheStreamAndTheBatchesBeforeItStay() {
        RemoteCollection docs = db.createCollection(CollectionConfig.of("broken", DIMENSION, Metric.L2));
        Stream<VectorRecord> records = IntStream.range(0, 10_000).mapToObj(i -> i == 5_500
                ? new VectorRecord("bad", new float[] {1, 2}) : record(i));
        assertThatThrownBy(() -> docs.bulkUpsert(records, 1_000, sent -> { }))
                .isInstanceOf(ProximaException.InvalidArgument.class)
                .hasMessageContaining("has dimension 2")
                .satisfies(e -> assertThat(((ProximaException) e).requestId()).isPresent());
        // Batches 1 to 5 were written atomically each; batch 6 (with the bad record) and the rest were not.
        assertThat(docs.describe().liveRecords()).isEqualTo(5_000);
        assertThat(docs.get("r4999")).isPresent();
        assertThat(docs.get("r5000")).isEmpty();
    }

    @Test
    void aMissingCollectionAndABadBatchSizeAreRefused() {
        RemoteCollection ghost = new RemoteCollection(db, "ghost");
        assertThatThrownBy(() -> ghost.bulkUpsert(Stream.of(record(1)), 10, sent -> { }))
                .isInstanceOf(ProximaException.CollectionNotFound.class);
        assertThatThrownBy(() -> ghost.bulkUpsert(Stream.of(record(1)), 0, sent -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
    }
}
