package io.proximadb.client;

import java.net.URI;

/**
 * Opens a remote ProximaDB. The database returned implements {@link io.proximadb.api.ProximaDB}, so
 * a program written against the embedded engine moves to a server by changing only how it opens
 * the database:
 * <pre>{@code
 * ProximaDB db = ProximaDB.open(Path.of("data"));                                   // embedded
 * ProximaDB db = ProximaClient.connect(URI.create("http://127.0.0.1:7700"), options); // remote
 * }</pre>
 * Calls go over gRPC (HTTP/2, cleartext for {@code http://}, TLS for {@code https://}) to the
 * server's REST port; the change feed ({@code watch}) uses the server's WebSocket.
 */
public final class ProximaClient {

    private ProximaClient() {
    }

    /** Connects with {@link ClientOptions#defaults()}: no API key. */
    public static RemoteDatabase connect(URI server) {
        return connect(server, ClientOptions.defaults());
    }

    /**
     * Connects to the server at {@code server} ({@code http://host:port} or {@code https://host:port}).
     * Connecting is lazy: an unreachable server shows at the first call, as
     * {@link ServerException.Unavailable} once the retries are spent.
     */
    public static RemoteDatabase connect(URI server, ClientOptions options) {
        return new RemoteDatabase(server, options);
    }
}
