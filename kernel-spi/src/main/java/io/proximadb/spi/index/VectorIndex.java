package io.proximadb.spi.index;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A searchable index over one immutable set of {@link VectorValues}.
 *
 * <p>Thread safety: once built, {@link #search} may be called by any number of threads at once.
 * Ownership: the index may keep a reference to the values it was built over; the caller keeps
 * them alive and unchanged until the index is closed. Query arrays are only read, never kept.
 */
public interface VectorIndex extends AutoCloseable {

    /**
     * The {@code k} nearest accepted vectors to {@code query}, nearest first; ties by ordinal.
     *
     * @param query  a vector of the index's dimension
     * @param k      the number of results wanted, at least 1
     * @param accept which ordinals may be returned; {@code null} accepts all. Consulted during the
     *               search, never as a post-filter, so that {@code k} accepted results come back
     *               when there are that many
     * @param params per-query parameters (for example {@code ef}); unknown names are rejected
     * @throws IllegalArgumentException on a wrong dimension, a non-positive k or a bad parameter
     */
    List<Neighbor> search(float[] query, int k, IntPredicate accept, java.util.Map<String, String> params);

    /**
     * Writes the index in its persisted format to {@code out}, from its current position on,
     * without closing it; {@link VectorIndexFactory#load} opens the bytes again. The vectors are
     * not written: the index is loaded over the same {@link VectorValues}. May run while other
     * threads search.
     *
     * @return the number of bytes written
     * @throws UnsupportedOperationException if the factory does not
     *         {@link VectorIndexFactory#supportsPersistence() support persistence}
     */
    default long writeTo(WritableByteChannel out) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be persisted; rebuild it instead");
    }

    /** Heap and off-heap bytes the index holds beyond the vectors themselves. */
    long memoryBytes();

    /** Releases what the index holds; idempotent. */
    @Override
    void close();
}
