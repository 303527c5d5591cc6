package io.proximadb.index.faiss;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexFixtures.ArrayValues;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Native memory is freed deterministically: building, searching, writing, loading and closing
 * thousands of indexes leaves the process's resident set where it was. Each index holds about
 * 100 KB of native memory, so a leak of even one index in ten would show as some 20 MB.
 */
class FaissMemoryTest {

    private static final int ROUNDS = 2_000;
    private static final long ALLOWED_GROWTH_KB = 16 * 1024;

    @Test
    void thousandsOfIndexesComeAndGoWhileTheResidentSetStaysFlat() throws IOException {
        FaissIndexFactory factory = new FaissIndexFactory();
        ArrayValues values = IndexFixtures.random(200, 32, 3);
        IndexSpec spec = new IndexSpec(32, Metric.COSINE, Map.of("factory", "HNSW16", "ef_construction", "40"));
        float[] query = values.vector(5);
        for (int i = 0; i < 200; i++) { // warm-up: allocator arenas, JIT, thread-local buffers
            cycle(factory, spec, values, query);
        }
        long before = residentKb();
        for (int i = 0; i < ROUNDS; i++) {
            cycle(factory, spec, values, query);
        }
        long after = residentKb();
        System.out.printf("FaissMemoryTest VmRSS before %d kB, after %d kB of %d indexes%n", before, after, ROUNDS);
        assertThat(after - before).as("resident set growth in kB over %d indexes", ROUNDS).isLessThan(ALLOWED_GROWTH_KB);
    }

    private static void cycle(FaissIndexFactory factory, IndexSpec spec, ArrayValues values, float[] query) throws IOException {
        byte[] bytes;
        try (VectorIndex index = factory.build(spec, values, VectorKernelsProvider.best())) {
            assertThat(index.search(query, 3, ordinal -> ordinal % 2 == 1, Map.of())).hasSize(3);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            index.writeTo(Channels.newChannel(out));
            bytes = out.toByteArray();
        }
        try (VectorIndex loaded = factory.load(spec, values, VectorKernelsProvider.best(), MemorySegment.ofArray(bytes))) {
            assertThat(loaded.search(query, 1, null, Map.of())).hasSize(1);
        }
    }

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
