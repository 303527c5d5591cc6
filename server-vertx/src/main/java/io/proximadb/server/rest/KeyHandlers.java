package io.proximadb.server.rest;

import io.proximadb.server.json.JsonCodec;
import io.proximadb.server.auth.Principal;
import io.proximadb.server.rest.ResponseBodies.CreatedKeyBody;
import io.proximadb.server.rest.ResponseBodies.KeyListBody;
import io.proximadb.server.service.KeyService;
import io.proximadb.server.service.NewKey;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /v1/keys}: create (the secret is in this answer only), list, revoke; admin keys only. */
final class KeyHandlers {

    private final KeyService keys;
    private final EngineCalls calls;

    KeyHandlers(KeyService keys, EngineCalls calls) {
        this.keys = keys;
        this.calls = calls;
    }

    void register(Router router) {
        router.post("/v1/keys").consumes(RestApi.JSON).handler(this::create);
        router.get("/v1/keys").handler(this::list);
        router.delete("/v1/keys/:id").handler(this::revoke);
    }

    private void create(RoutingContext context) {
        Principal caller = Callers.of(context);
        Buffer body = context.body().buffer();
        calls.respond(context, 201, () -> CreatedKeyBody.of(keys.create(caller, JsonCodec.read(body, NewKey.class))));
    }

    private void list(RoutingContext context) {
        Principal caller = Callers.of(context);
        calls.respond(context, 200, () -> KeyListBody.of(keys.list(caller)));
    }

    private void revoke(RoutingContext context) {
        Principal caller = Callers.of(context);
        String id = context.pathParam("id");
        calls.respond(context, 204, () -> {
            keys.revoke(caller, id);
            return null;
        });
    }
}
