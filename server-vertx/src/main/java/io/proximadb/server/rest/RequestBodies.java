package io.proximadb.server.rest;

import io.proximadb.server.service.RecordInput;
import io.proximadb.server.service.SearchQuery;
import java.util.List;

/**
 * The request shapes that wrap the service's inputs. The rest are read straight into the service's
 * own records ({@link io.proximadb.server.service.NewCollection}, {@link SearchQuery},
 * {@link io.proximadb.server.service.DeleteSelection}), so the wire format and the service cannot drift.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    /** {@code PUT /v1/collections/{name}/records}. */
    record UpsertBody(List<RecordInput> records) {
    }

    /** {@code POST /v1/collections/{name}/search/batch}. */
    record SearchBatchRequest(List<SearchQuery> queries) {
    }
}
