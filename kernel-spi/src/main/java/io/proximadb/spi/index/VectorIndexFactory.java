package io.proximadb.spi.index;

import io.proximadb.spi.Plugin;
import io.proximadb.spi.vector.VectorKernels;

/**
 * The vector index SPI. Found with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/io.proximadb.spi.index.VectorIndexFactory}. Thread-safe.
 */
public interface VectorIndexFactory extends Plugin {

    /**
     * Builds an index over {@code values}.
     *
     * @param kernels the distance kernels to use (the engine passes the fastest available)
     * @throws IllegalArgumentException if {@code spec} has a parameter the index does not know
     */
    VectorIndex build(IndexSpec spec, VectorValues values, VectorKernels kernels);
}
