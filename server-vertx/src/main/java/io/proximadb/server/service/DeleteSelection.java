package io.proximadb.server.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Which records a bulk delete removes: exactly one of a list of ids or a filter.
 *
 * @param ids    record ids, or {@code null}
 * @param filter a filter in the engine's JSON filter language, or {@code null}
 */
public record DeleteSelection(List<String> ids, JsonNode filter) {
}
