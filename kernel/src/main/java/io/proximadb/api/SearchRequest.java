package io.proximadb.api;

import io.proximadb.kernel.filter.Filter;
import io.proximadb.kernel.filter.FilterParser;
import java.util.Map;
import java.util.Objects;

/**
 * A k-NN query. Build one with {@link #of} and the {@code with...} methods:
 * {@code SearchRequest.of(vector, 10).withFilter("{\"lang\": \"en\"}").withMetadata()}.
 *
 * @param vector          the query vector, of the collection's dimension
 * @param k               how many results, 1 to {@link #MAX_K}
 * @param filter          which records may match, or {@code null} for all
 * @param includeMetadata whether hits carry metadata
 * @param includeVector   whether hits carry their vectors
 * @param params          per-query index parameters (for example {@code ef})
 */
public record SearchRequest(float[] vector, int k, Filter filter, boolean includeMetadata, boolean includeVector,
                            Map<String, String> params) {

    public static final int MAX_K = 10_000;

    public SearchRequest {
        Objects.requireNonNull(vector, "vector");
        params = Map.copyOf(params);
    }

    public static SearchRequest of(float[] vector, int k) {
        return new SearchRequest(vector, k, null, false, false, Map.of());
    }

    public SearchRequest withFilter(Filter filter) {
        return new SearchRequest(vector, k, filter, includeMetadata, includeVector, params);
    }

    /** Parses the JSON filter language; see {@link FilterParser}. */
    public SearchRequest withFilter(String json) {
        return withFilter(FilterParser.parse(json));
    }

    public SearchRequest withMetadata() {
        return new SearchRequest(vector, k, filter, true, includeVector, params);
    }

    public SearchRequest withVector() {
        return new SearchRequest(vector, k, filter, includeMetadata, true, params);
    }

    public SearchRequest withParams(Map<String, String> params) {
        return new SearchRequest(vector, k, filter, includeMetadata, includeVector, params);
    }
}
