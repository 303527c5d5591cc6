package io.proximadb.server.http;

import io.proximadb.server.auth.Authenticator;
import io.proximadb.server.auth.BearerKey;
import io.proximadb.server.auth.Principal;
import io.proximadb.server.auth.Role;
import io.proximadb.server.auth.Tenants;
import io.proximadb.server.metrics.ServerMetrics;
import io.proximadb.server.service.ErrorCode;
import io.proximadb.server.service.ProximaService;
import io.proximadb.server.service.ServiceException;
import io.proximadb.server.workers.EngineWorkers;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format. The figures name every tenant's
 * collections, so while authentication is on, only an {@code admin} key of the {@code default}
 * tenant (the operator's) may scrape; a key of another tenant is told the endpoint is not there.
 */
final class MetricsEndpoint {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerMetrics metrics;
    private final ProximaService service;
    private final Authenticator authenticator;
    private final EngineWorkers workers;

    MetricsEndpoint(ServerMetrics metrics, ProximaService service, Authenticator authenticator, EngineWorkers workers) {
        this.metrics = metrics;
        this.service = service;
        this.authenticator = authenticator;
        this.workers = workers;
    }

    void register(Router router) {
        router.get("/metrics").handler(this::scrape);
    }

    private void scrape(RoutingContext context) {
        Principal caller;
        try {
            caller = authenticator.authenticate(BearerKey.from(context.request().getHeader(HttpHeaders.AUTHORIZATION)))
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            caller = null;
        }
        if (caller == null) {
            context.fail(new ServiceException(ErrorCode.UNAUTHENTICATED,
                    "metrics need an admin key of the default tenant: send Authorization: Bearer <key>"));
            return;
        }
        if (!caller.tenant().equals(Tenants.DEFAULT)) {
            context.fail(new ServiceException(ErrorCode.NOT_FOUND, "no such endpoint: GET /metrics"));
            return;
        }
        if (!caller.role().includes(Role.ADMIN)) {
            context.fail(new ServiceException(ErrorCode.PERMISSION_DENIED,
                    "the key's role '" + caller.role().configName() + "' may not read metrics; that needs 'admin'"));
            return;
        }
        workers.<String>run(() -> {
            if (service.ready()) {
                metrics.engine().refresh(service.collectionsOfEveryTenant());
            }
            return metrics.scrape();
        }).onComplete(result -> {
            if (result.failed()) {
                context.fail(result.cause());
            } else if (!context.response().ended()) {
                context.response().putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE).end(result.result());
            }
        });
    }
}
