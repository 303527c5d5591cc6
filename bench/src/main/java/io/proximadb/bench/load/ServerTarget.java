package io.proximadb.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.proximadb.api.Collection;
import io.proximadb.api.ProximaDB;
import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.server.config.ServerConfig;
import io.proximadb.server.http.ProximaServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The server under load: one the harness starts in this process (port 0, default settings, a
 * temporary data directory deleted at the end), or one already running at a URL.
 */
final class ServerTarget implements AutoCloseable {

    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);

    private final URI url;
    private final ProximaServer server;
    private final AtomicReference<ProximaDB> database;
    private final Path directory;

    private ServerTarget(URI url, ProximaServer server, AtomicReference<ProximaDB> database, Path directory) {
        this.url = url;
        this.server = server;
        this.database = database;
        this.directory = directory;
    }

    static ServerTarget external(URI url) {
        return new ServerTarget(url, null, null, null);
    }

    /** Starts a server over a fresh temporary data directory and waits until it is ready. */
    static ServerTarget inProcess() throws Exception {
        Path directory = Files.createTempDirectory("proxima-load");
        AtomicReference<ProximaDB> database = new AtomicReference<>();
        ServerConfig config = ServerConfig.defaults().withPort(0).withDrainTimeout(Duration.ofSeconds(5));
        // No access log: one line per request would cost the load more than it tells.
        ProximaServer server = ProximaServer.start(config, () -> {
            ProximaDB db = ProximaDB.open(ProximaConfig.defaults().withDataDirectory(directory));
            database.set(db);
            return db;
        }, line -> { });
        try {
            server.readiness().get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return new ServerTarget(server.uri(), server, database, directory);
    }

    URI url() {
        return url;
    }

    /** {@code in-process} or the URL, for the report. */
    String description() {
        return server != null ? "in-process" : url.toString();
    }

    /**
     * Brings a freshly loaded collection to the state a server is in some time after a bulk load,
     * so that the searches measure that and not the tail of the ingest. In-process the harness holds
     * the engine and flushes the memtable to an indexed segment and runs the merges ({@code flush}
     * and {@code compact} of the embedded API; the REST API has neither). Against a URL it can only
     * wait for the background flushes of frozen memtables; the rest of the last memtable stays
     * there and is scanned exactly by every search.
     *
     * @return how it settled, for the report
     */
    String settle(RestClient rest, String collection) throws IOException, InterruptedException {
        if (database != null) {
            Collection engine = database.get().collection(collection);
            engine.flush();
            engine.compact();
            return "flush+compact";
        }
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (rest.describe(collection).path("storage").path("frozen_memtables").asLong() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException("collection " + collection + " still has frozen memtables after " + SETTLE_TIMEOUT);
            }
            Thread.sleep(250);
        }
        return "frozen-memtables-flushed";
    }

    /** The collection's storage figures, as {@code GET /v1/collections/{name}} gives them. */
    static JsonNode storage(RestClient rest, String collection) throws IOException, InterruptedException {
        return rest.describe(collection).path("storage");
    }

    @Override
    public void close() throws IOException {
        if (server == null) {
            return;
        }
        server.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
