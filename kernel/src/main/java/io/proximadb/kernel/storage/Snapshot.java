package io.proximadb.kernel.storage;

/**
 * A consistent view for one read: a version and the sequence number to read it at. Taken by
 * {@link CollectionStorage#snapshot()}; closing it lets the version's segments go.
 */
public record Snapshot(Version version, long sequence) implements AutoCloseable {

    @Override
    public void close() {
        version.release();
    }
}
