package io.proximadb.server.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One k-NN query, as an adapter received it; {@code null} marks a missing field.
 *
 * @param vector  the query vector
 * @param k       how many results, or {@code null} for {@link ServiceLimits#DEFAULT_K}
 * @param filter  a filter in the engine's JSON filter language, or {@code null}
 * @param include what hits carry besides id and score: {@code metadata}, {@code vector}
 * @param params  per-query index parameters ({@code ef}, {@code nprobe}, ...): scalars only
 */
public record SearchQuery(float[] vector, Integer k, JsonNode filter, List<String> include, Map<String, JsonNode> params) {
}
