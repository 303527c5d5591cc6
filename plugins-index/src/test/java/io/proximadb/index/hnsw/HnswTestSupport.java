package io.proximadb.index.hnsw;

import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.Map;

/** Builds hnsw indexes and reads their bytes, for the plugin's own tests. */
final class HnswTestSupport {

    private HnswTestSupport() {
    }

    static VectorIndex build(VectorValues values, Metric metric, Map<String, String> params) {
        return new HnswIndexFactory().build(new IndexSpec(values.dimension(), metric, params), values, VectorKernelsProvider.best());
    }

    static byte[] bytesOf(VectorIndex index) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            index.writeTo(Channels.newChannel(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The bytes of a new index, which is closed again. */
    static byte[] bytesOfNew(VectorValues values, Metric metric, Map<String, String> params) {
        try (VectorIndex index = build(values, metric, params)) {
            return bytesOf(index);
        }
    }
}
