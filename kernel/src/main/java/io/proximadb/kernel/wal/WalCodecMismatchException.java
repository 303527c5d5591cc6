package io.proximadb.kernel.wal;

import java.io.IOException;

/**
 * A log file written by another codec, or by a version of the configured codec that it cannot
 * read. This is a configuration problem, not damage: {@link WalOptions#skipCorrupt()} does not
 * skip it.
 */
public final class WalCodecMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    public WalCodecMismatchException(String message) {
        super(message);
    }

    public WalCodecMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
