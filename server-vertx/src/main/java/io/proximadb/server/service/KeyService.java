package io.proximadb.server.service;

import io.proximadb.server.auth.ApiKey;
import io.proximadb.server.auth.ApiKeyStore;
import io.proximadb.server.auth.NewApiKey;
import io.proximadb.server.auth.Principal;
import io.proximadb.server.auth.Role;
import io.proximadb.server.auth.Tenants;
import java.util.List;

/**
 * API key management for the admin endpoints. An {@code admin} key manages the keys of its own
 * tenant; only the operator (the caller of a server that runs without keys, or {@code proxima keys}
 * on the data directory) manages every tenant's. A key of another tenant is reported as absent.
 * Blocking (it writes the key file): call it from a worker thread. Thread-safe.
 */
public final class KeyService {

    private static final int MAX_DESCRIPTION = 200;

    private final ApiKeyStore store;

    /** @param store the server's keys, or {@code null} when the server runs without key management */
    public KeyService(ApiKeyStore store) {
        this.store = store;
    }

    public NewApiKey create(Principal caller, NewKey request) {
        Access.require(caller, Role.ADMIN, "manage API keys");
        EngineInputs.require(request, "request body");
        String tenant = request.tenant() == null ? caller.tenant() : request.tenant();
        if (!caller.operator() && !tenant.equals(caller.tenant())) {
            throw new ServiceException(ErrorCode.PERMISSION_DENIED,
                    "an admin key manages the keys of its own tenant only ('" + caller.tenant() + "')");
        }
        EngineInputs.require(request.role(), "role");
        Role role;
        try {
            Tenants.check(tenant);
            role = Role.parse(request.role());
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid(e.getMessage());
        }
        String description = request.description() == null ? "" : request.description();
        if (description.length() > MAX_DESCRIPTION || description.chars().anyMatch(Character::isISOControl)) {
            throw ServiceException.invalid("description must be at most " + MAX_DESCRIPTION
                    + " characters with no control characters");
        }
        return store().create(tenant, role, description);
    }

    /** The keys the caller may manage: its tenant's, or every tenant's for the operator. */
    public List<ApiKey> list(Principal caller) {
        Access.require(caller, Role.ADMIN, "manage API keys");
        return store().list(caller.operator() ? null : caller.tenant());
    }

    /** @throws ServiceException NOT_FOUND when no key the caller may manage has this id */
    public void revoke(Principal caller, String id) {
        Access.require(caller, Role.ADMIN, "manage API keys");
        ApiKeyStore keys = store();
        boolean visible = keys.find(id).filter(key -> caller.operator() || key.tenant().equals(caller.tenant()))
                .isPresent();
        if (!visible || !keys.revoke(id)) {
            throw new ServiceException(ErrorCode.NOT_FOUND, "API key '" + id + "' does not exist");
        }
    }

    private ApiKeyStore store() {
        if (store == null) {
            throw new ServiceException(ErrorCode.UNAVAILABLE, "this server runs without an API key file, so it "
                    + "cannot manage keys; start it with a data directory (proxima serve does)");
        }
        return store;
    }
}
