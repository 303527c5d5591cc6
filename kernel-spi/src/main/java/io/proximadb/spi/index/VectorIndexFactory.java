package io.proximadb.spi.index;

import io.proximadb.spi.Plugin;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.MemorySegment;

/**
 * The vector index SPI. Found with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/io.proximadb.spi.index.VectorIndexFactory}. Thread-safe.
 *
 * <h2>Persistence</h2>
 * An index that {@link #supportsPersistence() supports persistence} writes itself with
 * {@link VectorIndex#writeTo} and is opened again with {@link #load}, which searches the stored
 * bytes in place: the caller maps the file ({@link io.proximadb.spi.fs.ReadableFile#map}) and the
 * index reads its graph from the mapping, with no decoding pass and no copy to the heap. Each
 * format has a spec page under {@code docs/formats/}. Indexes that do not support it are simply
 * rebuilt from the vectors when a segment is opened.
 */
public interface VectorIndexFactory extends Plugin {

    /**
     * Builds an index over {@code values}.
     *
     * @param kernels the distance kernels to use (the engine passes the fastest available)
     * @throws IllegalArgumentException if {@code spec} has a parameter the index does not know
     */
    VectorIndex build(IndexSpec spec, VectorValues values, VectorKernels kernels);

    /**
     * Builds an index over {@code values} for a collection whose searches so far looked like
     * {@code workload}. The engine calls this one; an index that does not plan for its workload
     * leaves the default, which ignores it.
     */
    default VectorIndex build(IndexSpec spec, VectorValues values, VectorKernels kernels, QueryWorkload workload) {
        return build(spec, values, kernels);
    }

    /** Whether {@link VectorIndex#writeTo} and {@link #load} work for this kind of index. */
    default boolean supportsPersistence() {
        return false;
    }

    /**
     * Opens an index that {@link VectorIndex#writeTo} wrote for the same {@code values}, searching
     * {@code stored} in place. The index checks the stored bytes (header, version, checksum, and
     * that they were written for this dimension, metric and vector count) before returning.
     *
     * <p>Ownership: the index keeps a reference to {@code stored} and to {@code values}; the
     * caller keeps both alive (the segment's arena open) until the index is closed. Closing the
     * index does not close the arena.
     *
     * @param spec    the spec the index was built with; build parameters stored in the bytes win
     *                over those in {@code spec}, which may be left empty
     * @param stored  exactly the bytes {@link VectorIndex#writeTo} wrote, typically memory-mapped
     * @throws IndexFormatException          if {@code stored} is not such an index
     * @throws UnsupportedOperationException if {@link #supportsPersistence()} is {@code false}
     */
    default VectorIndex load(IndexSpec spec, VectorValues values, VectorKernels kernels, MemorySegment stored)
            throws IndexFormatException {
        throw new UnsupportedOperationException("index '" + name() + "' cannot be loaded; rebuild it instead");
    }
}
