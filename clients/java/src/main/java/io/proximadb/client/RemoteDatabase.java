package io.proximadb.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.CollectionInfo;
import io.proximadb.api.ProximaDB;
import io.proximadb.grpc.v1.CollectionRef;
import io.proximadb.grpc.v1.ListCollectionsRequest;
import io.proximadb.grpc.v1.ProximaGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A database on a server, with the embedded engine's interface; open one with
 * {@link ProximaClient#connect}. Thread-safe: share one per process (it holds one HTTP/2
 * connection). Errors are the engine's {@link io.proximadb.api.ProximaException} subclasses where
 * the engine has one, else {@link ServerException}s; each carries the server's request id.
 */
public final class RemoteDatabase implements ProximaDB {

    private final URI server;
    private final ClientOptions options;
    private final ManagedChannel channel;
    private final Retrier retrier;
    // Only the change feed uses HTTP/1.1 (a WebSocket); made on the first watch, as it starts a thread.
    private HttpClient http;

    RemoteDatabase(URI server, ClientOptions options) {
        this.server = Objects.requireNonNull(server, "server");
        this.options = Objects.requireNonNull(options, "options");
        String scheme = server.getScheme();
        if (server.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new IllegalArgumentException("server must be http://host:port or https://host:port, got " + server);
        }
        int port = server.getPort() != -1 ? server.getPort() : "https".equals(scheme) ? 443 : 80;
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(server.getHost(), port)
                // The server's messages are bounded by its own limits; let it be the one that refuses.
                .maxInboundMessageSize(Integer.MAX_VALUE);
        if ("http".equals(scheme)) {
            builder.usePlaintext();
        } else {
            builder.useTransportSecurity();
        }
        if (options.apiKey() != null) {
            builder.intercept(new ApiKeyInterceptor(options.apiKey()));
        }
        this.channel = builder.build();
        this.retrier = new Retrier(options);
    }

    /** The server this client calls. */
    public URI server() {
        return server;
    }

    ClientOptions options() {
        return options;
    }

    Retrier retrier() {
        return retrier;
    }

    synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(options.timeout()).build();
        }
        return http;
    }

    /** A blocking stub whose call ends at the deadline; a new one per attempt, since a deadline is absolute. */
    ProximaGrpc.ProximaBlockingStub blocking() {
        return ProximaGrpc.newBlockingStub(channel).withDeadlineAfter(options.timeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    ProximaGrpc.ProximaStub async() {
        return ProximaGrpc.newStub(channel);
    }

    @Override
    public RemoteCollection createCollection(CollectionConfig config) {
        Objects.requireNonNull(config, "config");
        var request = Messages.create(config);
        CollectionInfo info = Messages.info(retrier.call(config.name(), () -> blocking().createCollection(request)));
        return new RemoteCollection(this, info.name());
    }

    /** The collection with this name; asks the server, so a missing one fails here as in the engine. */
    @Override
    public RemoteCollection collection(String name) {
        Objects.requireNonNull(name, "name");
        retrier.call(name, () -> blocking().describeCollection(CollectionRef.newBuilder().setName(name).build()));
        return new RemoteCollection(this, name);
    }

    @Override
    public List<CollectionInfo> listCollections() {
        var answer = retrier.call(null, () -> blocking().listCollections(ListCollectionsRequest.getDefaultInstance()));
        return answer.getCollectionsList().stream().map(Messages::info)
                .sorted(Comparator.comparing(CollectionInfo::name)).toList();
    }

    @Override
    public void dropCollection(String name) {
        Objects.requireNonNull(name, "name");
        retrier.call(name, () -> blocking().dropCollection(CollectionRef.newBuilder().setName(name).build()));
    }

    /** Closes the connection, waiting up to the timeout for calls in flight. The server's data is untouched. */
    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (http != null) {
                http.close();
            }
        }
    }
}
