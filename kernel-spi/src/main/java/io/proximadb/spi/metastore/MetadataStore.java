package io.proximadb.spi.metastore;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A small, durable, transactional map from string keys to string values (the kernel stores
 * JSON). Keys are compared by code point; {@code /} is the conventional separator
 * ({@code collections/docs}).
 *
 * <p>Every {@link #commit} is atomic (all of its mutations or none), isolated (commits are
 * serialisable; a reader sees a whole commit or none of it) and durable when it returns (it
 * survives a crash of the process). Its conditions make read-modify-write safe between threads:
 * a commit whose conditions fail changes nothing and throws {@link MetadataConflictException}.
 *
 * <p>Thread-safe.
 */
public interface MetadataStore extends AutoCloseable {

    /** The value of {@code key}, if present. */
    Optional<String> get(String key) throws IOException;

    /** Every entry whose key starts with {@code prefix} ({@code ""} for all), in key order, as of one commit. */
    SortedMap<String, String> scan(String prefix) throws IOException;

    /**
     * Applies {@code mutations} in order, atomically and durably, if every condition among them holds.
     *
     * @return the store's revision after the commit: it starts at 0 and grows by one per commit
     * @throws MetadataConflictException if a condition does not hold; nothing changed
     */
    long commit(List<MetadataMutation> mutations) throws IOException;

    /** The revision of the last commit (0 for a new store). */
    long revision() throws IOException;

    @Override
    void close() throws IOException;
}
