package io.proximadb.spi.wal;

/** Bytes that a {@link WalCodec} cannot read: an unknown format header or a malformed payload. */
public final class WalFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public WalFormatException(String message) {
        super(message);
    }

    public WalFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
