package io.proximadb.server.auth;

/**
 * A key just created: the only moment its secret exists outside the caller's hands.
 *
 * @param key    the full key, {@code pxk_<id>_<secret>}, to show once and never store
 * @param stored what the store keeps of it
 */
public record NewApiKey(String key, ApiKey stored) {

    @Override
    public String toString() {
        return "NewApiKey[id=" + stored.id() + "]"; // never print the secret by accident
    }
}
