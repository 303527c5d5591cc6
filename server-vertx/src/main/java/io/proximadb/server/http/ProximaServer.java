package io.proximadb.server.http;

import io.proximadb.api.ProximaDB;
import io.proximadb.server.auth.ApiKeyFile;
import io.proximadb.server.auth.ApiKeyStore;
import io.proximadb.server.auth.Authenticator;
import io.proximadb.server.config.ServerConfig;
import io.proximadb.server.config.Tls;
import io.proximadb.server.dashboard.Dashboard;
import io.proximadb.server.grpc.GrpcApi;
import io.proximadb.server.limits.RateLimits;
import io.proximadb.server.metrics.ServerMetrics;
import io.proximadb.server.rest.ErrorResponder;
import io.proximadb.server.rest.RestApi;
import io.proximadb.server.service.DatabaseHandle;
import io.proximadb.server.service.KeyService;
import io.proximadb.server.service.ProximaService;
import io.proximadb.server.service.ServiceLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.proximadb.server.workers.EngineWorkers;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The running server: one Vert.x {@link HttpServer} on one port (HTTP/1.1 and cleartext HTTP/2),
 * the REST API under {@code /v1}, the gRPC service {@code proximadb.v1.Proxima}, {@code /healthz}, {@code /readyz}, the API's description at
 * {@code /openapi.json}, {@code /metrics}, the web dashboard at {@code /}, and the database behind them.
 *
 * <p>{@link #start} returns once the port is bound; the database opens (recovers) on its own
 * thread meanwhile, and {@code /readyz} turns 200 when it is done. {@link #close} shuts down
 * gracefully: {@code /readyz} turns 503, the server stops accepting and drains the requests in
 * flight (up to {@link ServerConfig#drainTimeout()}), then the database closes, which syncs every
 * log. Thread-safe.
 */
public final class ProximaServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ProximaServer.class.getName());
    /** Vert.x's own close is quick; this only bounds a wait that should never be long. */
    private static final Duration VERTX_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final ServerConfig config;
    private final Vertx vertx;
    private final EngineWorkers workers;
    private final HttpServer http;
    private final Router router;
    private final DatabaseHandle database;
    private final AtomicBoolean draining;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Authenticator authenticator;

    private ProximaServer(ServerConfig config, Vertx vertx, EngineWorkers workers, HttpServer http, Router router,
                          DatabaseHandle database, AtomicBoolean draining, Authenticator authenticator) {
        this.config = config;
        this.authenticator = authenticator;
        this.vertx = vertx;
        this.workers = workers;
        this.http = http;
        this.router = router;
        this.database = database;
        this.draining = draining;
    }

    /** Starts with access lines logged to {@code io.proximadb.server.access}. */
    public static ProximaServer start(ServerConfig config, Callable<ProximaDB> opener) {
        return start(config, opener, AccessLog.toSystemLogger());
    }

    /**
     * Binds the port, then opens the database with {@code opener} in the background.
     *
     * @param accessLog receives one JSON line per finished request
     * @throws IllegalStateException if the port cannot be bound, or the server would listen beyond
     *                               loopback with no API key and {@link ServerConfig#insecure()} is off
     */
    public static ProximaServer start(ServerConfig config, Callable<ProximaDB> opener, Consumer<String> accessLog) {
        Authenticator authenticator = authenticator(config);
        ServerMetrics metrics = new ServerMetrics();
        Vertx vertx = Vertx.builder().with(metrics.vertxOptions()).withMetrics(metrics.vertxMetricsFactory()).build();
        try {
            EngineWorkers workers = EngineWorkers.create(vertx, config.searchThreads(), config.engineThreads());
            DatabaseHandle database = new DatabaseHandle();
            AtomicBoolean draining = new AtomicBoolean();
            ProximaService service = new ProximaService(database, ServiceLimits.defaults(), metrics.engine());
            Router router = router(vertx, config, service, authenticator, metrics, workers, accessLog, draining);
            HttpServer http = vertx.createHttpServer(httpOptions(config)).requestHandler(router);
            await(http.listen(config.port(), config.host()), Duration.ofSeconds(30),
                    "listen on " + config.host() + ":" + config.port());
            ProximaServer server = new ProximaServer(config, vertx, workers, http, router, database, draining,
                    authenticator);
            server.watchKeyFile();
            server.openInBackground(opener);
            return server;
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** Cleartext HTTP/1.1 and h2c, or with TLS, HTTPS with HTTP/2 chosen by ALPN (which gRPC clients need). */
    private static HttpServerOptions httpOptions(ServerConfig config) {
        HttpServerOptions options = new HttpServerOptions()
                .setHttp2ClearTextEnabled(config.tls() == null)
                .setIdleTimeout(120)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                // No WebSocket compression: a compressed frame is inflated before any size bound sees
                // it (a small frame can become gigabytes), and the change feed's messages are small.
                .setPerFrameWebSocketCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false);
        if (config.tls() != null) {
            Tls tls = config.tls().checkReadable();
            options.setSsl(true).setUseAlpn(true)
                    .setKeyCertOptions(new PemKeyCertOptions()
                            .setCertPath(tls.certificate().toAbsolutePath().toString())
                            .setKeyPath(tls.privateKey().toAbsolutePath().toString()));
        }
        return options;
    }

    /**
     * Authentication is on from the start beyond loopback (where starting without keys is refused
     * unless insecure), and otherwise from the first key on.
     */
    private static Authenticator authenticator(ServerConfig config) {
        ApiKeyStore keys = config.keysFile() == null ? null : new ApiKeyStore(new ApiKeyFile(config.keysFile()));
        boolean exposed = !Loopback.is(config.host());
        if (exposed && !config.insecure() && (keys == null || keys.isEmpty())) {
            throw new IllegalStateException("refusing to listen on " + config.host() + " without API keys: anyone who "
                    + "can reach it could read and write every collection. Create a key first (proxima keys create "
                    + "--tenant default --role admin), bind 127.0.0.1, or pass --insecure if a proxy guards the server");
        }
        return new Authenticator(keys, exposed && !config.insecure());
    }

    private static Router router(Vertx vertx, ServerConfig config, ProximaService service, Authenticator authenticator,
                                 ServerMetrics metrics, EngineWorkers workers, Consumer<String> accessLog,
                                 AtomicBoolean draining) {
        Router router = Router.router(vertx);
        router.route().handler(new RequestIds());
        router.route().handler(new AccessLog(accessLog));
        router.route().handler(new SecurityHeaders());
        router.route().handler(BrowserGuards.loopbackNamesWhileOpen(authenticator, Loopback.is(config.host())));
        router.route().handler(BrowserGuards.sameOriginWebSockets(Set.copyOf(config.corsOrigins())));
        if (!config.corsOrigins().isEmpty()) {
            // Before authentication: a browser's preflight carries no key and must still be answered.
            // The server's own pages (the dashboard) are not cross-origin, listed or not.
            CorsHandler cors = CorsHandler.create()
                    .addOrigins(config.corsOrigins())
                    .allowedMethods(Set.of(io.vertx.core.http.HttpMethod.GET, io.vertx.core.http.HttpMethod.POST,
                            io.vertx.core.http.HttpMethod.PUT, io.vertx.core.http.HttpMethod.DELETE))
                    .allowedHeaders(Set.of("Authorization", "Content-Type", ErrorResponder.REQUEST_ID_HEADER))
                    .exposedHeaders(Set.of(ErrorResponder.REQUEST_ID_HEADER, "Retry-After"))
                    .maxAgeSeconds(600);
            router.route().handler(context -> {
                if (BrowserGuards.fromItself(context)) {
                    context.next();
                } else {
                    cors.handle(context);
                }
            });
        }
        // The REST adapter first: its middleware sits on path-less routes, and a path-less route that
        // matches after a method mismatch would turn the router's 405 for that path into a 404.
        RateLimits rateLimits = new RateLimits(config.rateLimit(), System::nanoTime);
        RestApi.mount(router, service, new KeyService(authenticator.store()), authenticator, rateLimits,
                workers, config.maxBodyBytes());
        GrpcApi.mount(router, vertx, service, authenticator, rateLimits, workers, config.maxBodyBytes());
        new HealthHandlers(service, draining::get).register(router);
        ApiDocument.load().register(router);
        Dashboard.load().register(router);
        new MetricsEndpoint(metrics, service, authenticator, workers).register(router);
        ErrorResponder errors = new ErrorResponder(config.maxBodyBytes());
        router.route().failureHandler(errors);
        for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 429, 500}) {
            router.errorHandler(status, errors);
        }
        return router;
    }

    /**
     * {@code proxima keys} may change the key file while the server runs: a worker looks at it once
     * a second (a stat, and a read only when it changed), never the event loop.
     */
    private void watchKeyFile() {
        if (authenticator.store() == null) {
            return;
        }
        vertx.setPeriodic(1000, timer -> workers.run(() -> {
            authenticator.store().refresh();
            return null;
        }).onFailure(e -> LOG.log(Level.WARNING, "cannot reload the API key file: " + e.getMessage()
                + "; every request needing a key is refused until it can be read")));
    }

    /** Whether requests need an API key now. */
    public boolean authenticationRequired() {
        return authenticator.required();
    }

    /** Recovery can take long; a thread of its own keeps it off the event loop and the engine's workers. */
    private void openInBackground(Callable<ProximaDB> opener) {
        Thread.ofPlatform().name("proxima-open").start(() -> {
            try {
                database.open(opener);
                opened.complete(null);
            } catch (RuntimeException | Error e) {
                // An Error too (a plugin built against another kernel-spi): readiness must fail, not hang.
                LOG.log(Level.ERROR, "the database failed to open: " + e, e);
                opened.completeExceptionally(e);
            }
        });
    }

    /** The port bound (the real one when the configuration asked for port 0). */
    public int port() {
        return http.actualPort();
    }

    /** Where the server answers, such as {@code http://127.0.0.1:7700}. */
    public URI uri() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create((config.tls() == null ? "http://" : "https://") + host + ":" + port());
    }

    /** The routes the server answers, for the test that holds them against {@code openapi.json}. */
    List<Route> routes() {
        return router.getRoutes();
    }

    /** Completes when the database is open and recovered; fails if it could not open. */
    public CompletableFuture<Void> readiness() {
        return opened.copy();
    }

    /**
     * Graceful shutdown: not ready, stop accepting, drain, close the database, stop Vert.x. A second
     * call waits for the first to finish.
     *
     * @throws RuntimeException if closing the database failed (its logs may not be synced)
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            closed.join();
            return;
        }
        RuntimeException failure = null;
        try {
            draining.set(true);
            Duration drain = config.drainTimeout();
            try {
                await(http.shutdown(drain.toMillis(), TimeUnit.MILLISECONDS), drain.plusSeconds(5), "drain requests");
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "draining requests: " + e.getMessage());
            }
            try {
                database.close(drain);
            } catch (RuntimeException e) {
                failure = e;
            }
            try {
                await(workers.close(), VERTX_CLOSE_TIMEOUT, "stop the engine workers");
                await(vertx.close(), VERTX_CLOSE_TIMEOUT, "stop Vert.x");
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stopping Vert.x: " + e.getMessage());
            }
        } finally {
            if (failure == null) {
                closed.complete(null);
            } else {
                closed.completeExceptionally(failure);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits on the calling thread, which is never an event loop: callers are main, test and shutdown threads. */
    private static <T> T await(Future<T> future, Duration timeout, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot " + what + ": no answer after " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to " + what, e);
        }
    }
}
