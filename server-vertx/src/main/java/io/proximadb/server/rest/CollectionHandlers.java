package io.proximadb.server.rest;

import io.proximadb.server.json.JsonCodec;
import io.proximadb.server.rest.ResponseBodies.CollectionBody;
import io.proximadb.server.rest.ResponseBodies.CollectionListBody;
import io.proximadb.server.service.NewCollection;
import io.proximadb.server.auth.Principal;
import io.proximadb.server.service.ProximaService;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /v1/collections}: create, list, describe, drop. */
final class CollectionHandlers {

    private final ProximaService service;
    private final EngineCalls calls;

    CollectionHandlers(ProximaService service, EngineCalls calls) {
        this.service = service;
        this.calls = calls;
    }

    void register(Router router) {
        router.post("/v1/collections").consumes(RestApi.JSON).handler(this::create);
        router.get("/v1/collections").handler(this::list);
        router.get("/v1/collections/:name").handler(this::describe);
        router.delete("/v1/collections/:name").handler(this::drop);
    }

    private void create(RoutingContext context) {
        Principal caller = Callers.of(context);
        Buffer body = context.body().buffer();
        calls.respond(context, 201,
                () -> CollectionBody.of(service.createCollection(caller, JsonCodec.read(body, NewCollection.class))));
    }

    private void list(RoutingContext context) {
        Principal caller = Callers.of(context);
        calls.respond(context, 200, () -> CollectionListBody.of(service.listCollections(caller)));
    }

    private void describe(RoutingContext context) {
        Principal caller = Callers.of(context);
        String name = context.pathParam("name");
        calls.respond(context, 200, () -> CollectionBody.of(service.describeCollection(caller, name)));
    }

    private void drop(RoutingContext context) {
        Principal caller = Callers.of(context);
        String name = context.pathParam("name");
        calls.respond(context, 204, () -> {
            service.dropCollection(caller, name);
            return null;
        });
    }
}
