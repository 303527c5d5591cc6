package io.proximadb.bench.load;

import io.proximadb.bench.progress.ProgressBar;
import io.proximadb.grpc.v1.UpsertRequest;
import io.proximadb.grpc.v1.UpsertResponse;
import io.proximadb.server.grpc.ProximaMethods;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Bulk ingest over gRPC: the messages are dealt round-robin to {@code streams} concurrent
 * {@code UpsertStream} calls on one HTTP/2 connection (one channel, as a gRPC client has), each
 * written as fast as flow control lets it, which the server holds to the engine's pace. Done when
 * every call has answered; the answers must count every record.
 */
final class GrpcIngest implements AutoCloseable {

    private static final ServiceMethod<UpsertResponse, UpsertRequest> UPSERT_STREAM = ServiceMethod.client(
            ProximaMethods.SERVICE, "UpsertStream", GrpcMessageEncoder.encoder(),
            GrpcMessageDecoder.decoder(UpsertResponse.getDefaultInstance()));

    private final Vertx vertx = Vertx.vertx();
    private final GrpcClient client = GrpcClient.client(vertx, new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    private final SocketAddress server;
    private final String apiKey;

    GrpcIngest(URI url, String apiKey) {
        this.server = SocketAddress.inetSocketAddress(url.getPort() < 0 ? 80 : url.getPort(), url.getHost());
        this.apiKey = apiKey;
    }

    /**
     * Sends {@code messages} on {@code streams} concurrent calls and waits for their answers.
     *
     * @return the seconds from the first message to the last answer
     */
    double ingest(List<UpsertRequest> messages, int streams, ProgressBar progress) throws Exception {
        long expected = messages.stream().mapToLong(UpsertRequest::getRecordsCount).sum();
        List<List<UpsertRequest>> dealt = new ArrayList<>();
        for (int s = 0; s < Math.min(streams, messages.size()); s++) {
            dealt.add(new ArrayList<>());
        }
        for (int i = 0; i < messages.size(); i++) {
            dealt.get(i % dealt.size()).add(messages.get(i));
        }
        long start = System.nanoTime();
        List<Future<Long>> answers = new ArrayList<>();
        for (List<UpsertRequest> stream : dealt) {
            answers.add(call(stream, progress));
        }
        long upserted = 0;
        for (Future<Long> answer : answers) {
            upserted += answer.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (upserted != expected) {
            throw new IllegalStateException("UpsertStream answered " + upserted + " records upserted, " + expected
                    + " were sent");
        }
        return seconds;
    }

    private Future<Long> call(List<UpsertRequest> messages, ProgressBar progress) {
        return client.request(server, UPSERT_STREAM).compose(request -> {
            if (apiKey != null) {
                request.headers().set("authorization", "Bearer " + apiKey);
            }
            pump(request, messages, 0, progress);
            return request.response();
        }).compose(response -> {
            List<UpsertResponse> received = new ArrayList<>();
            response.handler(received::add);
            return response.end().compose(ended -> {
                if (response.status() != GrpcStatus.OK || received.size() != 1) {
                    return Future.failedFuture("UpsertStream ended with " + response.status() + ": "
                            + response.statusMessage() + " (proxima-error-code "
                            + response.trailers().get("proxima-error-code") + ")");
                }
                return Future.succeededFuture(received.getFirst().getUpserted());
            });
        });
    }

    /** Writes until the stream's queue is full, then again when it drains; ends the call after the last. */
    private static void pump(GrpcClientRequest<UpsertRequest, UpsertResponse> request, List<UpsertRequest> messages,
                             int from, ProgressBar progress) {
        request.drainHandler(null); // a drain after the end must not send anything again
        int next = from;
        while (next < messages.size() && !request.writeQueueFull()) {
            UpsertRequest message = messages.get(next++);
            request.write(message).onSuccess(written -> progress.advance(message.getRecordsCount()));
        }
        if (next < messages.size()) {
            int resume = next;
            request.drainHandler(drained -> pump(request, messages, resume, progress));
        } else {
            request.end();
        }
    }

    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
