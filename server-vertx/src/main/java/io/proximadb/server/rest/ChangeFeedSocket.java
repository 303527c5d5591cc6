package io.proximadb.server.rest;

import io.proximadb.api.Change;
import io.proximadb.api.ChangeListener;
import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.server.auth.Authenticator;
import io.proximadb.server.auth.Principal;
import io.proximadb.server.json.JsonCodec;
import io.proximadb.server.service.ProximaService;
import io.proximadb.server.service.ServiceException;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.server.workers.EngineWorkers;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /v1/collections/{name}/changes}: upgrades to a WebSocket that streams the collection's
 * upserts and deletes as they are acknowledged, one JSON text message each, in order. The role and
 * the collection are checked before the upgrade, so a refusal is an ordinary HTTP error. A client
 * that reads too slowly is held back by the socket (its feed waits while the socket's write queue
 * is full); one that falls thousands of changes behind is disconnected with close code 4000 and
 * must read the collection again.
 */
final class ChangeFeedSocket {

    /** Close code: the client fell behind and changes were lost. */
    static final short OVERFLOWED = 4000;
    /** Close code: the feed ended on the server's side (collection dropped, server shutting down). */
    static final short GOING_AWAY = 1001;

    /** Close code: the API key the feed was opened with was revoked (policy violation). */
    static final short KEY_REVOKED = 1008;
    /** How often an open feed checks that its key still stands. */
    static final long KEY_CHECK_MILLIS = 1000;

    private final ProximaService service;
    private final EngineWorkers workers;
    private final Authenticator authenticator;

    ChangeFeedSocket(ProximaService service, EngineWorkers workers, Authenticator authenticator) {
        this.authenticator = authenticator;
        this.service = service;
        this.workers = workers;
    }

    void register(Router router) {
        router.get("/v1/collections/:name/changes").handler(this::upgrade);
    }

    private void upgrade(RoutingContext context) {
        Principal caller = Callers.of(context);
        String name = context.pathParam("name");
        if (!"websocket".equalsIgnoreCase(context.request().getHeader(HttpHeaders.UPGRADE))) {
            context.fail(ServiceException.invalid("connect to " + context.request().path()
                    + " with a WebSocket (Upgrade: websocket); it streams the collection's changes"));
            return;
        }
        // Subscribe before the upgrade, on a worker: a refusal (role, unknown collection) is then a plain
        // HTTP answer, and no write acknowledged after the client sees the upgrade can be missed.
        CompletableFuture<ServerWebSocket> socket = new CompletableFuture<>();
        context.request().pause();
        workers.run(() -> service.watch(caller, name, new Forwarder(socket))).onComplete(watched -> {
            context.request().resume();
            if (watched.failed()) {
                context.fail(watched.cause());
                return;
            }
            AutoCloseable subscription = watched.result();
            context.request().toWebSocket().onComplete(upgraded -> {
                if (upgraded.failed()) {
                    closeQuietly(subscription);
                    socket.completeExceptionally(upgraded.cause());
                    context.fail(upgraded.cause());
                    return;
                }
                ServerWebSocket ws = upgraded.result();
                // A revoked key ends the feeds it opened: the key was checked once, at the upgrade.
                long keyCheck = context.vertx().setPeriodic(KEY_CHECK_MILLIS, timer -> {
                    if (!authenticator.stillValid(caller)) {
                        ws.close(KEY_REVOKED, "the API key of this feed was revoked");
                    }
                });
                ws.closeHandler(closed -> {
                    context.vertx().cancelTimer(keyCheck);
                    closeQuietly(subscription);
                });
                socket.complete(ws);
            });
        });
    }

    private static void closeQuietly(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            // A subscription's close cannot fail; nothing is left to release.
        }
    }

    /**
     * Writes each change to the socket from the feed's thread; when the socket's write queue is full
     * (a slow reader) it waits for it to drain, so a slow reader slows its own feed only. Changes that
     * come before the upgrade is done wait for the socket.
     */
    private static final class Forwarder implements ChangeListener {

        private static final long WRITE_TIMEOUT_SECONDS = 60;

        private final CompletableFuture<ServerWebSocket> socket;

        Forwarder(CompletableFuture<ServerWebSocket> socket) {
            this.socket = socket;
        }

        @Override
        public void onChange(Change change) {
            String json = new String(JsonCodec.write(ChangeMessage.of(change)), StandardCharsets.UTF_8);
            try {
                ServerWebSocket ws = socket.get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                ws.writeTextMessage(json);
                if (ws.writeQueueFull()) {
                    // Only a full write queue waits (for its drain), not every message: waiting for each
                    // write to reach the socket held the feed to one message per event-loop round trip.
                    CompletableFuture<Void> drained = new CompletableFuture<>();
                    ws.drainHandler(ignored -> drained.complete(null));
                    if (ws.writeQueueFull()) {
                        drained.get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("change feed ended while writing", e);
            } catch (Exception e) {
                throw new IllegalStateException("the socket is gone: " + e.getMessage(), e);
            }
        }

        @Override
        public void onClosed(String reason, boolean overflowed) {
            ServerWebSocket ws = socket.getNow(null);
            if (ws != null && !ws.isClosed()) {
                ws.close(overflowed ? OVERFLOWED : GOING_AWAY, truncate(overflowed
                        ? "you fell behind and changes were lost; reconnect and read the collection again" : reason));
            }
        }
    }

    /** One message of the feed. {@code vector}, {@code metadata} and {@code expires_at} come with upserts only. */
    record ChangeMessage(long sequence, String op, String id, float[] vector, com.fasterxml.jackson.databind.JsonNode metadata,
                         String expiresAt) {

        static ChangeMessage of(Change change) {
            if (change.kind() == Change.Kind.DELETE) {
                return new ChangeMessage(change.sequence(), "delete", change.id(), null, null, null);
            }
            VectorRecord record = change.record();
            String expiresAt = record.expiresAtMillis() == VectorRecord.NEVER_EXPIRES ? null
                    : Instant.ofEpochMilli(record.expiresAtMillis()).toString();
            return new ChangeMessage(change.sequence(), "upsert", change.id(), record.vector(),
                    MetadataJson.toJson(record.metadata()), expiresAt);
        }
    }

    /** A WebSocket close reason holds at most 123 bytes. */
    private static String truncate(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= 123 ? reason : new String(bytes, 0, 120, StandardCharsets.UTF_8) + "...";
    }

}
