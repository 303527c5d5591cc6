package io.proximadb.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.proximadb.api.Change;
import io.proximadb.api.ChangeListener;
import io.proximadb.api.ProximaException;
import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A collection's change feed over the server's WebSocket ({@code GET /v1/collections/{name}/changes}),
 * one JSON text message per change (docs/server.md), handed to a {@link ChangeListener} as the
 * engine's {@link Change}s. Messages are requested one at a time, so the listener is called by one
 * thread at a time, in order, and a slow listener holds back its own feed only (the server closes
 * the socket with 4000 if it falls too far behind, reported as {@code overflowed}).
 */
final class ChangeFeed implements WebSocket.Listener, AutoCloseable {

    /** The server's close code for a subscriber that fell too far behind. */
    static final int OVERFLOW = 4000;

    private final ChangeListener listener;
    private final long closeWaitMillis;
    private final StringBuilder partial = new StringBuilder();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile WebSocket socket;

    private ChangeFeed(ChangeListener listener, long closeWaitMillis) {
        this.listener = listener;
        this.closeWaitMillis = closeWaitMillis;
    }

    static ChangeFeed open(RemoteDatabase db, String collection, ChangeListener listener) {
        URI server = db.server();
        String scheme = "https".equals(server.getScheme()) ? "wss" : "ws";
        URI uri = URI.create(scheme + "://" + server.getRawAuthority() + "/v1/collections/" + collection + "/changes");
        ChangeFeed feed = new ChangeFeed(listener, db.options().timeout().toMillis());
        WebSocket.Builder builder = db.http().newWebSocketBuilder().connectTimeout(db.options().timeout());
        if (db.options().apiKey() != null) {
            builder.header("Authorization", "Bearer " + db.options().apiKey());
        }
        try {
            feed.socket = builder.buildAsync(uri, feed).get(db.options().timeout().toMillis(), TimeUnit.MILLISECONDS);
            return feed;
        } catch (ExecutionException e) {
            throw refused(e.getCause(), collection);
        } catch (TimeoutException e) {
            throw new ServerException.Timeout("the change feed of '" + collection + "' was not accepted within "
                    + db.options().timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProximaException("interrupted", "interrupted while opening the change feed", e);
        }
    }

    /** The upgrade was refused: an ordinary HTTP error (401, 403, 404, 429, 503) whose body is the server's JSON error. */
    private static ProximaException refused(Throwable cause, String collection) {
        if (cause instanceof WebSocketHandshakeException handshake) {
            var response = handshake.getResponse();
            String requestId = response.headers().firstValue("x-request-id").orElse(null);
            String message = "change feed refused with HTTP " + response.statusCode();
            if (response.body() instanceof byte[] body && body.length > 0) {
                try {
                    JsonNode error = MetadataJson.parseTree(new String(body, StandardCharsets.UTF_8), "error body");
                    message = error.path("message").asText(message);
                } catch (ProximaException notJson) {
                    // keep the generic message
                }
            }
            ProximaException mapped = switch (response.statusCode()) {
                case 401 -> new ServerException.Unauthenticated(message, cause);
                case 403 -> new ServerException.PermissionDenied(message, cause);
                case 404 -> new ProximaException.CollectionNotFound(collection);
                case 429 -> new ServerException.RateLimited(message, null, cause);
                case 503 -> new ServerException.Unavailable(message, null, cause);
                default -> new ServerException("http_" + response.statusCode(), "UNKNOWN", message, cause);
            };
            return requestId == null ? mapped : mapped.withRequestId(requestId);
        }
        if (cause instanceof HttpTimeoutException) {
            return new ServerException.Timeout("the change feed was not accepted in time", cause);
        }
        return new ServerException.Unavailable("cannot open the change feed of '" + collection + "': " + cause, null, cause);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            Change change;
            try {
                change = parse(message);
            } catch (RuntimeException e) {
                end("unreadable change from the server: " + e.getMessage(), false);
                webSocket.abort();
                return null;
            }
            if (!ended.get()) {
                listener.onChange(change);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        end(reason == null || reason.isEmpty() ? "closed by the server (" + statusCode + ")" : reason, statusCode == OVERFLOW);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        end("change feed failed: " + error, false);
    }

    private void end(String reason, boolean overflowed) {
        if (ended.compareAndSet(false, true)) {
            try {
                listener.onClosed(reason, overflowed);
            } finally {
                closed.complete(null);
            }
        }
    }

    /** Stops the feed: asks the server to close, waits briefly for its answer, then drops the connection. */
    @Override
    public void close() {
        WebSocket ws = socket;
        if (ended.get() || ws == null) {
            return;
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "unsubscribed");
        try {
            closed.get(closeWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The server did not answer the close: drop the connection anyway.
        }
        ws.abort();
        end("subscription closed", false);
    }

    static Change parse(String json) {
        JsonNode node = MetadataJson.parseTree(json, "change");
        long sequence = node.path("sequence").asLong();
        String id = node.path("id").asText();
        String op = node.path("op").asText();
        return switch (op) {
            case "delete" -> new Change(sequence, Change.Kind.DELETE, id, null);
            case "upsert" -> {
                JsonNode values = node.path("vector");
                float[] vector = new float[values.size()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = (float) values.get(i).doubleValue();
                }
                Value.Obj metadata = node.has("metadata") ? MetadataJson.toObject(node.get("metadata"), "metadata")
                        : Value.Obj.EMPTY;
                long expires = node.hasNonNull("expires_at")
                        ? Instant.parse(node.get("expires_at").asText()).toEpochMilli() : VectorRecord.NEVER_EXPIRES;
                yield new Change(sequence, Change.Kind.UPSERT, id, new VectorRecord(id, vector, metadata, expires));
            }
            default -> throw new IllegalArgumentException("unknown op '" + op + "' in " + json);
        };
    }
}
