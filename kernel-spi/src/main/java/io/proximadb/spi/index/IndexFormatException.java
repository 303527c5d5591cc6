package io.proximadb.spi.index;

import java.io.IOException;

/**
 * Persisted index bytes that {@link VectorIndexFactory#load} refuses: wrong magic, an unknown
 * version, a bad checksum, or an index written for other vectors, dimension or metric. The
 * message says which and what was expected; the remedy is to rebuild the index.
 */
public final class IndexFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public IndexFormatException(String message) {
        super(message);
    }

    public IndexFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
