package io.proximadb.api;

import io.proximadb.kernel.filter.Filter;
import io.proximadb.spi.record.VectorRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One collection: records of a fixed dimension, searched by one metric.
 *
 * <p>Every write is logged before it is acknowledged: when a write method returns, the write
 * survives a process kill under the configured fsync policy, and every later read sees it. A
 * write that throws {@link ProximaException.InvalidArgument} changed nothing.
 *
 * <p>Thread-safe. Reads never block writes.
 */
public interface Collection {

    String name();

    CollectionInfo describe();

    /** Inserts or replaces one record. */
    void upsert(VectorRecord record);

    /** Inserts or replaces one record that expires {@code ttl} after this call. */
    void upsert(VectorRecord record, Duration ttl);

    /** Inserts or replaces several records atomically: after any crash, all of them or none. */
    void upsert(List<VectorRecord> records);

    /** Applies a batch of upserts and deletes atomically. */
    void write(WriteBatch batch);

    /** The live record with this id, if there is one (deleted and expired records are absent). */
    Optional<VectorRecord> get(String id);

    /** Deletes one record; deleting an absent id is not an error. */
    void delete(String id);

    /** Deletes several records atomically. */
    void delete(List<String> ids);

    /**
     * Deletes every live record whose metadata matches {@code filter}, atomically, and returns how
     * many it deleted. The matches are those of a snapshot taken when the call starts: a record
     * written while the call runs is deleted if its id matched in that snapshot, and kept if not.
     */
    long delete(Filter filter);

    /**
     * Writes everything held in memory to segments now and waits for it. Not needed for
     * durability (the log already holds every acknowledged write); it shortens the next open and
     * lets a backup copy segments alone.
     */
    void flush();

    /** Runs the merge policy until it has nothing to merge, and waits. */
    void compact();

    /**
     * Subscribes {@code listener} to this collection's writes from now on: every upsert and delete,
     * as each is acknowledged, in order. Closing the returned subscription stops it.
     */
    AutoCloseable watch(ChangeListener listener);

    /** The exact k nearest live records that match the request's filter, best first, ties by id. */
    List<SearchHit> search(SearchRequest request);
}
