package io.proximadb.server.rest;

import io.proximadb.server.auth.Authenticator;
import io.proximadb.server.limits.RateLimits;
import io.proximadb.server.service.KeyService;
import io.proximadb.server.service.ProximaService;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The REST adapter, versioned under {@code /v1}: thin handlers over {@link ProximaService} and {@link KeyService}. */
public final class RestApi {

    static final String JSON = "application/json";

    private RestApi() {
    }

    /**
     * Adds the {@code /v1} routes to {@code router}: every request is authenticated, then rate
     * limited per caller, then its body is read. Bodies above {@code maxBodyBytes} are refused with
     * 413 while they arrive, before they are held whole; engine work runs on {@code workers}.
     */
    public static void mount(Router router, ProximaService service, KeyService keys, Authenticator authenticator,
                             RateLimits rateLimits, WorkerExecutor workers, long maxBodyBytes) {
        router.route("/v1/*").handler(new Callers(authenticator));
        if (rateLimits.limit().enabled()) {
            router.route("/v1/*").handler(new RateLimiter(rateLimits));
        }
        router.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        EngineCalls calls = new EngineCalls(workers);
        new CollectionHandlers(service, calls).register(router);
        new RecordHandlers(service, calls).register(router);
        new SearchHandlers(service, calls).register(router);
        new KeyHandlers(keys, calls).register(router);
    }
}
