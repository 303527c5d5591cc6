package io.proximadb.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.api.Collection;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.ProximaException;
import io.proximadb.api.Records;
import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.kernel.plugin.PluginKind;
import io.proximadb.kernel.plugin.PluginRegistry;
import io.proximadb.kernel.wal.WalOptions;
import io.proximadb.kernel.wal.WriteAheadLog;
import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.WritableFile;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.wal.WalCodec;
import io.proximadb.spi.wal.WalEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The catalog on each metadata store, and the move from the old catalog log. */
class CatalogTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"wal", "sqlite"})
    void collectionsSurviveRestartsOnEveryPersistentStore(String store) {
        ProximaConfig config = ProximaConfig.defaults().withDataDirectory(directory).with("metadata.store", store);
        try (EmbeddedDatabase db = EmbeddedDatabase.open(config)) {
            db.createCollection(CollectionConfig.of("docs", 3, Metric.COSINE).withMemtable("art"))
                    .upsert(Records.of("a", new float[] {1, 2, 3}));
            db.createCollection(CollectionConfig.of("gone", 2, Metric.L2));
            db.dropCollection("gone");
            db.createCollection(CollectionConfig.of("gone", 4, Metric.DOT));
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.open(config)) {
            assertThat(db.listCollections()).extracting(i -> i.name() + ":" + i.spec().dimension() + ":" + i.spec().metric()
                    + ":" + i.spec().memtable()).containsExactly("docs:3:cosine:art", "gone:4:dot:skiplist");
            assertThat(db.collection("docs").get("a")).isPresent();
            assertThat(db.collection("gone").describe().liveRecords()).isZero();
            assertThatThrownBy(() -> db.createCollection(CollectionConfig.of("docs", 3, Metric.L2)))
                    .isInstanceOf(ProximaException.CollectionExists.class);
        }
        if (store.equals("sqlite")) {
            assertThat(directory.resolve("meta").resolve("catalog.db")).exists();
        }
    }

    @Test
    void anUnknownStoreIsRefusedWithTheKnownOnes() {
        ProximaConfig config = ProximaConfig.defaults().withDataDirectory(directory).with("metadata.store", "etcd");
        assertThatThrownBy(() -> EmbeddedDatabase.open(config)).hasMessageContaining("etcd")
                .hasMessageContaining("sqlite").hasMessageContaining("wal");
    }

    @Test
    void theOldCatalogLogIsMovedIntoTheStoreWithItsCollections() throws Exception {
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        WalCodec codec = plugins.get(PluginKind.WAL_CODEC, "bincode");
        CollectionSpec spec = new CollectionSpec("docs", 3, Metric.L2, "skiplist", "bincode", "flat", Map.of());
        try (FileSystem fs = plugins.get(PluginKind.FILESYSTEM, "file").open(directory)) {
            try (WritableFile file = fs.create(LegacyCatalog.CODEC_FILE)) {
                file.write(ByteBuffer.wrap("bincode\n".getBytes(StandardCharsets.UTF_8)));
            }
            fs.createDirectories("catalog");
            long sequence;
            try (WriteAheadLog log = WriteAheadLog.open(fs, "catalog", codec, WalOptions.defaults(), e -> { })) {
                sequence = log.append(List.of(new WalEntry.CreateCollection(0, spec))).getFirst().sequence();
            }
            String wal = "collections/docs-" + sequence + "/wal";
            fs.createDirectories(wal);
            try (WriteAheadLog log = WriteAheadLog.open(fs, wal, codec, WalOptions.defaults(), e -> { })) {
                log.append(List.of(new WalEntry.Upsert(0, "docs", Records.of("a", new float[] {1, 2, 3}))));
            }
        }
        ProximaConfig config = ProximaConfig.defaults().withDataDirectory(directory);
        for (int open = 0; open < 2; open++) {
            try (EmbeddedDatabase db = EmbeddedDatabase.open(config)) {
                Collection docs = db.collection("docs");
                assertThat(docs.get("a")).isPresent();
            }
        }
        assertThat(directory.resolve("catalog")).doesNotExist();
        assertThat(directory.resolve(LegacyCatalog.CODEC_FILE)).doesNotExist();
        assertThat(Files.list(directory.resolve("collections")).map(p -> p.getFileName().toString()).toList())
                .containsExactly("docs-1");
    }
}
