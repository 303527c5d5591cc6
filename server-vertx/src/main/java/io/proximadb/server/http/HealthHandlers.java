package io.proximadb.server.http;

import io.proximadb.server.service.ErrorCode;
import io.proximadb.server.service.ProximaService;
import io.proximadb.server.service.ServiceException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz}: the process is up and serving HTTP (restart it if not). {@code /readyz}: the
 * database is open and recovered and the server is not draining (send it traffic only if so);
 * otherwise 503 with the reason. Neither touches the engine, so both answer on the event loop.
 */
final class HealthHandlers {

    private final ProximaService service;
    private final BooleanSupplier draining;

    HealthHandlers(ProximaService service, BooleanSupplier draining) {
        this.service = service;
        this.draining = draining;
    }

    void register(Router router) {
        router.get("/healthz").handler(context -> status(context, "alive"));
        router.get("/readyz").handler(this::ready);
    }

    private void ready(RoutingContext context) {
        if (draining.getAsBoolean()) {
            context.fail(new ServiceException(ErrorCode.UNAVAILABLE, "the server is shutting down"));
            return;
        }
        try {
            service.checkReady();
        } catch (ServiceException e) {
            context.fail(e);
            return;
        }
        status(context, "ready");
    }

    private static void status(RoutingContext context, String status) {
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("status", status).encode());
    }
}
