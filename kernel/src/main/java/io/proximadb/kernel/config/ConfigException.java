package io.proximadb.kernel.config;

import io.proximadb.api.ProximaException;

/** A configuration that cannot be used; the message names the source (file and line, variable or flag) and the key. */
public final class ConfigException extends ProximaException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super("invalid_config", message);
    }
}
