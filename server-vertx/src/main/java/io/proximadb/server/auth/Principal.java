package io.proximadb.server.auth;

import java.util.Objects;

/**
 * Who is calling: the tenant whose collections a request sees, the role that bounds what it may
 * do, and the key it authenticated with.
 *
 * @param tenant   the caller's tenant; collections of other tenants do not exist for it
 * @param role     what the caller may do within its tenant
 * @param keyId    the public id of the API key used, or {@code null} when authentication is off
 * @param operator whether the caller may manage keys of every tenant: true only when
 *                 authentication is off (whoever reaches a loopback server without keys owns it)
 */
public record Principal(String tenant, Role role, String keyId, boolean operator) {

    /** The caller when authentication is off: the default tenant, every right. */
    public static final Principal ANONYMOUS = new Principal(Tenants.DEFAULT, Role.ADMIN, null, true);

    public Principal {
        Tenants.check(tenant);
        Objects.requireNonNull(role, "role");
    }

    /** A caller holding an API key of {@code tenant} with {@code role}. */
    public static Principal ofKey(String keyId, String tenant, Role role) {
        return new Principal(tenant, role, Objects.requireNonNull(keyId, "keyId"), false);
    }

    /** A name for logs and rate limits: the key id, or {@code anonymous}. */
    public String subject() {
        return keyId == null ? "anonymous" : keyId;
    }
}
