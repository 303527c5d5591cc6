package io.proximadb.spi.segment;

import java.io.IOException;

/** A segment or deletion file that cannot be read: wrong magic, unknown version, bad checksum. */
public final class SegmentFormatException extends IOException {

    public SegmentFormatException(String message) {
        super(message);
    }

    public SegmentFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
