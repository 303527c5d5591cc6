package io.proximadb.index.ivf;

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

/** Building and writing ivf indexes in tests. */
final class IvfTestSupport {

    private IvfTestSupport() {
    }

    static IvfIndex build(VectorValues values, Metric metric, Map<String, String> params) {
        return (IvfIndex) new IvfIndexFactory().build(new IndexSpec(values.dimension(), metric, params), values,
                VectorKernelsProvider.best());
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

    static byte[] bytesOfNew(VectorValues values, Metric metric, Map<String, String> params) {
        try (VectorIndex index = build(values, metric, params)) {
            return bytesOf(index);
        }
    }
}
