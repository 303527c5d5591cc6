package io.proximadb.server.service;

/**
 * A request to create an API key, as an adapter received it.
 *
 * @param tenant      the key's tenant; {@code null} for the caller's own
 * @param role        {@code reader}, {@code writer} or {@code admin}
 * @param description what the key is for, or {@code null}
 */
public record NewKey(String tenant, String role, String description) {
}
