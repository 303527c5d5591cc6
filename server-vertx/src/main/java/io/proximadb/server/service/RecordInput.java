package io.proximadb.server.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record to upsert, as an adapter received it; {@code null} marks a missing field.
 *
 * @param id         the record's id
 * @param vector     its vector
 * @param metadata   a JSON object, or {@code null} for none
 * @param ttlSeconds seconds until it expires, or {@code null} for never
 */
public record RecordInput(String id, float[] vector, JsonNode metadata, Long ttlSeconds) {
}
