package io.proximadb.server.rest;

import io.proximadb.server.json.JsonCodec;
import io.proximadb.server.rest.RequestBodies.UpsertBody;
import io.proximadb.server.rest.ResponseBodies.DeletedBody;
import io.proximadb.server.rest.ResponseBodies.RecordBody;
import io.proximadb.server.rest.ResponseBodies.UpsertedBody;
import io.proximadb.server.service.DeleteSelection;
import io.proximadb.server.auth.Principal;
import io.proximadb.server.service.ProximaService;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /v1/collections/{name}/records}: batch upsert, get, delete one, delete by ids or filter. */
final class RecordHandlers {

    private final ProximaService service;
    private final EngineCalls calls;

    RecordHandlers(ProximaService service, EngineCalls calls) {
        this.service = service;
        this.calls = calls;
    }

    void register(Router router) {
        router.put("/v1/collections/:name/records").consumes(RestApi.JSON).handler(this::upsert);
        router.post("/v1/collections/:name/records/delete").consumes(RestApi.JSON).handler(this::deleteMany);
        router.get("/v1/collections/:name/records/:id").handler(this::get);
        router.delete("/v1/collections/:name/records/:id").handler(this::deleteOne);
    }

    private void upsert(RoutingContext context) {
        Principal caller = Callers.of(context);
        String name = context.pathParam("name");
        Buffer body = context.body().buffer();
        calls.respond(context, 200,
                () -> new UpsertedBody(service.upsert(caller, name, JsonCodec.read(body, UpsertBody.class).records())));
    }

    private void get(RoutingContext context) {
        Principal caller = Callers.of(context);
        String name = context.pathParam("name");
        String id = context.pathParam("id");
        calls.respond(context, 200, () -> RecordBody.of(service.getRecord(caller, name, id)));
    }

    private void deleteOne(RoutingContext context) {
        Principal caller = Callers.of(context);
        String name = context.pathParam("name");
        String id = context.pathParam("id");
        calls.respond(context, 204, () -> {
            service.deleteRecord(caller, name, id);
            return null;
        });
    }

    private void deleteMany(RoutingContext context) {
        Principal caller = Callers.of(context);
        String name = context.pathParam("name");
        Buffer body = context.body().buffer();
        calls.respond(context, 200,
                () -> new DeletedBody(service.deleteRecords(caller, name, JsonCodec.read(body, DeleteSelection.class))));
    }
}
