package io.proximadb.storage.segment.viper;

/**
 * A part of a segment that does not hold what the format says, found while decoding it. Unchecked
 * so that decoders stay plain; {@link SegmentReader} turns it into a
 * {@link io.proximadb.spi.segment.SegmentFormatException} naming the file and the part.
 */
final class CorruptSectionException extends RuntimeException {

    private final String part;

    CorruptSectionException(String part, String message) {
        super(message);
        this.part = part;
    }

    CorruptSectionException(String part, String message, Throwable cause) {
        super(message, cause);
        this.part = part;
    }

    /** {@code header}, {@code tail}, {@code footer} or a section's name. */
    String part() {
        return part;
    }
}
