package io.proximadb.client;

import io.proximadb.api.ProximaDB;
import io.proximadb.server.config.ServerConfig;
import io.proximadb.server.http.ProximaServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A real ProximaDB server in this JVM on a free loopback port, as the client's tests call it. Never a mock. */
final class LiveServer implements AutoCloseable {

    private final ProximaServer server;

    private LiveServer(ProximaServer server) {
        this.server = server;
    }

    static LiveServer start(Path data) {
        return start(data, config -> config);
    }

    /** Starts a server on a new database in {@code data}, configured by {@code configure}, and waits until it is ready. */
    static LiveServer start(Path data, UnaryOperator<ServerConfig> configure) {
        LiveServer live = starting(() -> ProximaDB.open(data), configure);
        live.awaitReady();
        return live;
    }

    /** Starts a server whose database {@code opener} opens in the background; the server answers 503 until then. */
    static LiveServer starting(Callable<ProximaDB> opener, UnaryOperator<ServerConfig> configure) {
        ServerConfig config = configure.apply(ServerConfig.defaults().withPort(0).withDrainTimeout(Duration.ofSeconds(5)));
        return new LiveServer(ProximaServer.start(config, opener, line -> { }));
    }

    void awaitReady() {
        try {
            server.readiness().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the server did not become ready", e);
        }
    }

    URI uri() {
        return server.uri();
    }

    RemoteDatabase connect() {
        return ProximaClient.connect(uri());
    }

    RemoteDatabase connect(ClientOptions options) {
        return ProximaClient.connect(uri(), options);
    }

    @Override
    public void close() {
        server.close();
    }
}
