package io.proximadb.server.auth;

import java.util.Optional;

/**
 * Decides who a request is from, given its bearer key (or none).
 *
 * <p>With no key store, or an empty one on a server that may run open, authentication is off and
 * every request is {@link Principal#ANONYMOUS}. Once the store holds a key, every request needs a
 * valid one, and stays needing one even if every key is revoked later: revoking the last key must
 * lock the door, not open it. A server that binds beyond loopback starts with authentication on
 * (it refuses to start without keys unless told it may run insecure). Thread-safe.
 */
public final class Authenticator {

    private final ApiKeyStore store;
    private volatile boolean required;

    /**
     * @param store        the keys, or {@code null} for a server without key management (always open)
     * @param requiredFromStart whether keys are needed even while the store is empty
     */
    public Authenticator(ApiKeyStore store, boolean requiredFromStart) {
        this.store = store;
        this.required = requiredFromStart || (store != null && !store.isEmpty());
    }

    /** Whether requests need a key now. */
    public boolean required() {
        if (!required && store != null && !store.isEmpty()) {
            required = true;
        }
        return required;
    }

    /**
     * The caller: the key's principal, or {@link Principal#ANONYMOUS} while authentication is off;
     * empty when a key is needed and {@code bearerKey} is missing or not a valid key.
     */
    public Optional<Principal> authenticate(String bearerKey) {
        if (!required()) {
            return Optional.of(Principal.ANONYMOUS);
        }
        return bearerKey == null ? Optional.empty() : store.authenticate(bearerKey);
    }

    /**
     * Whether {@code caller}, authenticated when its connection opened, may still be served: its key
     * is not revoked, or, for a caller let in while authentication was off, it is still off. For
     * connections that outlive a request (a change feed, a streamed upsert), checked as they go.
     */
    public boolean stillValid(Principal caller) {
        if (caller.keyId() == null) {
            return !required();
        }
        return store != null && store.find(caller.keyId()).isPresent();
    }

    /** The store, or {@code null} when this server has no key management. */
    public ApiKeyStore store() {
        return store;
    }
}
