package io.proximadb.spi.metastore;

/** A commit's condition did not hold; the commit changed nothing. */
public final class MetadataConflictException extends RuntimeException {

    private final String key;

    public MetadataConflictException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The key whose condition failed. */
    public String key() {
        return key;
    }
}
