package io.proximadb.server.rest;

import io.proximadb.server.json.JsonCodec;
import io.proximadb.server.rest.RequestBodies.SearchBatchRequest;
import io.proximadb.server.rest.ResponseBodies.SearchBatchBody;
import io.proximadb.server.rest.ResponseBodies.SearchBody;
import io.proximadb.server.auth.Principal;
import io.proximadb.server.service.ProximaService;
import io.proximadb.server.service.SearchQuery;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /v1/collections/{name}/search}: one query, or many in one request. */
final class SearchHandlers {

    private final ProximaService service;
    private final EngineCalls calls;

    SearchHandlers(ProximaService service, EngineCalls calls) {
        this.service = service;
        this.calls = calls;
    }

    void register(Router router) {
        router.post("/v1/collections/:name/search").consumes(RestApi.JSON).handler(this::search);
        router.post("/v1/collections/:name/search/batch").consumes(RestApi.JSON).handler(this::searchBatch);
    }

    private void search(RoutingContext context) {
        Principal caller = Callers.of(context);
        String name = context.pathParam("name");
        Buffer body = context.body().buffer();
        calls.respondToSearch(context, () -> SearchBody.of(service.search(caller, name, JsonCodec.read(body, SearchQuery.class))));
    }

    private void searchBatch(RoutingContext context) {
        Principal caller = Callers.of(context);
        String name = context.pathParam("name");
        Buffer body = context.body().buffer();
        calls.respondToSearch(context, () -> SearchBatchBody.of(
                service.searchBatch(caller, name, JsonCodec.read(body, SearchBatchRequest.class).queries())));
    }
}
