package io.proximadb.server.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * An API key as stored: never the key itself, only its SHA-256. A key is 256 random bits, so a
 * plain hash is as hard to reverse as the key is to guess; a slow password hash would only slow
 * every request down (see docs/decisions/0006-api-keys-and-tenants.md).
 *
 * @param id          the key's public id, also its second part ({@code pxk_<id>_<secret>})
 * @param tenant      the tenant whose collections the key sees
 * @param role        what the key may do there
 * @param sha256      the lower-case hex SHA-256 of the whole key string
 * @param createdAt   when it was created
 * @param description what the operator said it is for, or {@code ""}
 */
public record ApiKey(String id, String tenant, Role role, String sha256, Instant createdAt, String description) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Tenants.check(tenant);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(createdAt, "createdAt");
        description = description == null ? "" : description;
    }
}
