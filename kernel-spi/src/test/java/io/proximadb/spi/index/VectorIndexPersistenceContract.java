package io.proximadb.spi.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.proximadb.spi.index.IndexFixtures.ArrayValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The persistence part of the index contract: an index that supports persistence, written and
 * loaded back from a memory-mapped file, answers exactly as before and writes the same bytes
 * again; damaged or foreign bytes are refused with {@link IndexFormatException}. An index that
 * does not support it says so with {@link UnsupportedOperationException}.
 */
public abstract class VectorIndexPersistenceContract extends VectorIndexConcurrencyContract {

    @ParameterizedTest
    @EnumSource(Metric.class)
    void aLoadedIndexAnswersExactlyAsTheBuiltOne(Metric metric, @TempDir Path directory) throws IOException {
        assumeTrue(factory().supportsPersistence() && supportsMetric(metric));
        IndexFixtures.Clustered data = IndexFixtures.clustered(2_000, DIMENSION, 16, 91);
        float[][] queries = IndexFixtures.randomQueries(30, DIMENSION, 92);
        IntPredicate filter = ordinal -> ordinal % 5 == 0;
        Path file = directory.resolve("index");
        try (Arena arena = Arena.ofShared()) {
            VectorValues values = data.values().inSegment(arena);
            try (VectorIndex built = build(metric, values)) {
                try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    assertThat(built.writeTo(out)).isEqualTo(out.size());
                }
                MemorySegment mapped;
                try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                    mapped = in.map(FileChannel.MapMode.READ_ONLY, 0, in.size(), arena);
                }
                try (VectorIndex loaded = factory().load(spec(metric, DIMENSION), values, VectorKernelsProvider.best(), mapped)) {
                    for (float[] query : queries) {
                        IndexFixtures.assertSameNeighbors(loaded.search(query, K, null, searchParams()),
                                built.search(query, K, null, searchParams()), "unfiltered after loading");
                        IndexFixtures.assertSameNeighbors(loaded.search(query, K, filter, searchParams()),
                                built.search(query, K, filter, searchParams()), "filtered after loading");
                    }
                    assertThat(bytesOf(loaded)).isEqualTo(Files.readAllBytes(file));
                    assertThat(loaded.memoryBytes()).isNotNegative();
                }
            }
        }
    }

    @Test
    void damagedOrForeignBytesAreRefused() throws IOException {
        assumeTrue(factory().supportsPersistence());
        ArrayValues values = IndexFixtures.random(500, DIMENSION, 93);
        byte[] bytes;
        try (VectorIndex index = build(Metric.L2, values)) {
            bytes = bytesOf(index);
        }
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x10;
        assertRefused(values, Metric.L2, flipped);
        assertRefused(values, Metric.L2, Arrays.copyOf(bytes, bytes.length - 1));
        assertRefused(values, Metric.L2, new byte[0]);
        assertRefused(IndexFixtures.random(499, DIMENSION, 93), Metric.L2, bytes);
        assertRefused(IndexFixtures.random(500, DIMENSION / 2, 93), Metric.L2, bytes);
        assertRefused(values, Metric.DOT, bytes);
    }

    @Test
    void anIndexThatCannotBePersistedSaysSo() {
        assumeFalse(factory().supportsPersistence());
        ArrayValues values = IndexFixtures.random(50, DIMENSION, 94);
        try (VectorIndex index = build(Metric.L2, values)) {
            assertThatThrownBy(() -> bytesOf(index)).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThatThrownBy(() -> factory().load(spec(Metric.L2, DIMENSION), values, VectorKernelsProvider.best(),
                MemorySegment.ofArray(new byte[64]))).isInstanceOf(UnsupportedOperationException.class);
    }

    private void assertRefused(VectorValues values, Metric metric, byte[] bytes) {
        assertThatThrownBy(() -> factory().load(spec(metric, values.dimension()), values, VectorKernelsProvider.best(),
                MemorySegment.ofArray(bytes))).isInstanceOf(IndexFormatException.class).hasMessageContaining(factory().name());
    }

    private static byte[] bytesOf(VectorIndex index) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = index.writeTo(Channels.newChannel(out));
        assertThat(written).isEqualTo(out.size());
        return out.toByteArray();
    }
}
