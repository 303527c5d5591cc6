package io.proximadb.spi;

/** Thrown by {@link Plugin#checkAvailable()} when a plugin cannot work on this machine. */
public final class PluginUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public PluginUnavailableException(String reason) {
        super(reason);
    }

    public PluginUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
