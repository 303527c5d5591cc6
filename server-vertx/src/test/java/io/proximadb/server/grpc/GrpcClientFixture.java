package io.proximadb.server.grpc;

import com.google.protobuf.Message;
import com.google.protobuf.MessageLite;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A real gRPC client (Vert.x's, HTTP/2 with prior knowledge) calling a server on loopback. */
final class GrpcClientFixture implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final GrpcClient client;
    private final SocketAddress server;

    GrpcClientFixture(int port) {
        this(port, null);
    }

    /** A client over TLS that trusts only {@code trustedCertificate}; cleartext when it is {@code null}. */
    GrpcClientFixture(int port, java.nio.file.Path trustedCertificate) {
        HttpClientOptions options = new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false);
        if (trustedCertificate != null) {
            options.setSsl(true).setUseAlpn(true)
                    .setTrustOptions(new io.vertx.core.net.PemTrustOptions().addCertPath(trustedCertificate.toString()));
        }
        this.client = GrpcClient.client(vertx, options);
        this.server = SocketAddress.inetSocketAddress(port, "127.0.0.1");
    }

    /** What a call answered: its status, message, the messages received and the trailers. */
    record Answer<T>(GrpcStatus status, String message, List<T> messages, MultiMap trailers) {

        T single() {
            if (status != GrpcStatus.OK || messages.size() != 1) {
                throw new AssertionError("expected one message and OK, got " + status + " " + message + " " + messages);
            }
            return messages.getFirst();
        }

        String errorCode() {
            return trailers.get("proxima-error-code");
        }
    }

    static <Req extends MessageLite, Resp extends Message> ServiceMethod<Resp, Req> method(String name, Resp prototype) {
        return ServiceMethod.client(ProximaMethods.SERVICE, name, GrpcMessageEncoder.encoder(),
                GrpcMessageDecoder.decoder(prototype));
    }

    <Req, Resp> Answer<Resp> call(ServiceMethod<Resp, Req> method, String key, Req message) {
        return stream(method, key, List.of(message));
    }

    /** Sends every message of {@code messages} on one call, then ends it, and collects the answer. */
    <Req, Resp> Answer<Resp> stream(ServiceMethod<Resp, Req> method, String key, List<Req> messages) {
        return stream(method, key, messages, null);
    }

    /** {@link #stream(ServiceMethod, String, List)} with the messages compressed by {@code encoding} (gzip), or not if null. */
    <Req, Resp> Answer<Resp> stream(ServiceMethod<Resp, Req> method, String key, List<Req> messages, String encoding) {
        List<Resp> received = new CopyOnWriteArrayList<>();
        Future<Answer<Resp>> answer = client.request(server, method).compose(request -> {
            if (key != null) {
                request.headers().set("authorization", "Bearer " + key);
            }
            if (encoding != null) {
                request.encoding(encoding);
            }
            for (Req message : messages) {
                request.write(message);
            }
            request.end();
            return request.response();
        }).compose(response -> {
            response.handler(received::add);
            // A call that fails before any message is "trailers-only": its trailers arrive as headers, and
            // gRPC clients (grpc-java among them) read them as trailers. So does this one.
            return response.end().transform(ended -> {
                MultiMap trailers = MultiMap.caseInsensitiveMultiMap().addAll(response.headers())
                        .addAll(response.trailers());
                return Future.succeededFuture(new Answer<>(response.status(), message(response, trailers),
                        new ArrayList<>(received), trailers));
            });
        });
        try {
            return answer.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("gRPC call " + method.fullMethodName() + " failed: " + e, e);
        }
    }

    /**
     * The status message. Vert.x's client returns it only from a trailers-only answer; after messages
     * it is in the {@code grpc-message} trailer, percent-encoded as the gRPC spec says.
     */
    private static String message(GrpcClientResponse<?, ?> response, MultiMap trailers) {
        if (response.statusMessage() != null) {
            return response.statusMessage();
        }
        String encoded = trailers.get("grpc-message");
        return encoded == null ? null
                : java.net.URLDecoder.decode(encoded.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
