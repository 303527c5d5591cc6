package io.proximadb.server.rest;

import io.proximadb.server.auth.Authenticator;
import io.proximadb.server.limits.RateLimits;
import io.proximadb.server.service.KeyService;
import io.proximadb.server.service.ProximaService;
import io.vertx.core.Handler;
import io.proximadb.server.workers.EngineWorkers;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
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
                             RateLimits rateLimits, EngineWorkers workers, long maxBodyBytes) {
        router.route().handler(underV1(new Callers(authenticator)));
        if (rateLimits.limit().enabled()) {
            router.route().handler(underV1(new RateLimiter(rateLimits)));
        }
        // Vert.x decodes form and multipart bodies as they arrive, and fails on malformed ones with an
        // internal error; the API takes none of them, so they are refused before the body is read.
        router.route().handler(underV1(RestApi::refuseForms));
        router.route().handler(underV1(BodyHandler.create(false).setBodyLimit(maxBodyBytes)));
        EngineCalls calls = new EngineCalls(workers);
        new CollectionHandlers(service, calls).register(router);
        new RecordHandlers(service, calls).register(router);
        new SearchHandlers(service, calls).register(router);
        new KeyHandlers(keys, calls).register(router);
        new ChangeFeedSocket(service, workers, authenticator).register(router);
    }

    private static void refuseForms(RoutingContext context) {
        String type = context.request().getHeader(io.vertx.core.http.HttpHeaders.CONTENT_TYPE);
        String lower = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT).trim();
        if (lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/")) {
            context.fail(415);
            return;
        }
        context.next();
    }

    /**
     * {@code handler} for requests under {@code /v1} only. Middleware is mounted on path-less
     * routes that filter themselves, because every route with a path that a request passes is
     * added to its {@code route} metric label; this way the label is just the endpoint's template,
     * such as {@code /v1/collections/:name/search}.
     */
    private static Handler<RoutingContext> underV1(Handler<RoutingContext> handler) {
        return context -> {
            String path = context.normalizedPath(); // what routes match on: "/./v1/x" must not slip past
            if (path.equals("/v1") || path.startsWith("/v1/")) {
                handler.handle(context);
            } else {
                context.next();
            }
        };
    }
}
