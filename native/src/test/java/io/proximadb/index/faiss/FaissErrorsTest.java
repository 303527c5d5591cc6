package io.proximadb.index.faiss;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.PluginUnavailableException;
import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexFixtures.ArrayValues;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Bad input reaches FAISS and comes back as a Java exception carrying FAISS's message, and the
 * JVM carries on: each test searches a healthy index after the failure.
 */
class FaissErrorsTest {

    private static final int DIMENSION = 16;
    private final FaissIndexFactory factory = new FaissIndexFactory();
    private final ArrayValues values = IndexFixtures.random(300, DIMENSION, 7);

    @Test
    void aBadFactoryStringIsRejectedWithFaissMessage() {
        assertThatThrownBy(() -> build("HNSW32,Bogus", Metric.L2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index_factory(\"HNSW32,Bogus\")")
                .hasMessageContaining("could not parse");
        assertStillWorks();
    }

    @Test
    void tooFewTrainingVectorsForTheListsFailWithFaissMessage() {
        ArrayValues few = IndexFixtures.random(20, DIMENSION, 8);
        assertThatThrownBy(() -> factory.build(new IndexSpec(DIMENSION, Metric.L2, Map.of("factory", "IVF64,PQ4")), few,
                VectorKernelsProvider.best()))
                .isInstanceOf(FaissException.class).hasMessageContaining("faiss train");
        assertStillWorks();
    }

    @Test
    void addingToAnUntrainedIndexFailsWithFaissMessage() throws PluginUnavailableException, Throwable {
        FaissLibrary library = FaissLoader.bundled().library();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            library.check((int) library.create.invokeExact(DIMENSION, arena.allocateFrom("IVF16,Flat"),
                    FaissLibrary.METRIC_L2, out), "create");
            MemorySegment handle = out.get(ADDRESS, 0);
            MemorySegment rows = arena.allocate(ValueLayout.JAVA_FLOAT, 10L * DIMENSION);
            int status = (int) library.add.invokeExact(handle, 10L, rows, DIMENSION);
            assertThatThrownBy(() -> library.check(status, "add"))
                    .isInstanceOf(FaissException.class).hasMessageContaining("is_trained");
            int wrongDimension = (int) library.add.invokeExact(handle, 10L, rows, DIMENSION + 1);
            assertThatThrownBy(() -> library.check(wrongDimension, "add"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 17");
            library.check((int) library.free.invokeExact(handle), "free");
        }
        assertStillWorks();
    }

    @Test
    void aQueryOfTheWrongDimensionOrAnEfOnAFlatIndexIsRejected() {
        try (VectorIndex index = build("Flat", Metric.L2)) {
            assertThatThrownBy(() -> index.search(new float[DIMENSION - 1], 3, null, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
            assertThatThrownBy(() -> index.search(new float[DIMENSION], 3, null, Map.of("ef", "10")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ef applies to HNSW");
        }
        assertThatThrownBy(() -> factory.build(new IndexSpec(DIMENSION, Metric.L2,
                Map.of("factory", "Flat", "ef_construction", "100")), values, VectorKernelsProvider.best()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ef_construction applies to HNSW");
        assertStillWorks();
    }

    @Test
    void manhattanIsRefusedByName() {
        assertThatThrownBy(() -> build("Flat", Metric.MANHATTAN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("manhattan");
    }

    @Test
    void aClosedIndexRefusesSearchesInsteadOfTouchingFreedMemory() {
        VectorIndex index = build("HNSW16", Metric.L2);
        index.close();
        assertThatThrownBy(() -> index.search(values.vector(0), 3, null, Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(index.memoryBytes()).isZero();
    }

    @Test
    void bytesWithAGoodHeaderButNoFaissIndexInsideAreRefusedWithFaissMessage() throws IOException {
        byte[] good;
        try (VectorIndex index = build("Flat", Metric.L2)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            index.writeTo(Channels.newChannel(out));
            good = out.toByteArray();
        }
        // Same header, FAISS payload replaced by zeros, checksum recomputed: only FAISS can tell.
        ByteBuffer bytes = ByteBuffer.wrap(good.clone()).order(ByteOrder.LITTLE_ENDIAN);
        int payloadStart = 17 + Short.toUnsignedInt(bytes.getShort(15)) + 8;
        for (int i = payloadStart; i < good.length - 4; i++) {
            bytes.put(i, (byte) 0);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.array(), 0, good.length - 4);
        bytes.putInt(good.length - 4, (int) crc.getValue());
        assertThatThrownBy(() -> factory.load(new IndexSpec(DIMENSION, Metric.L2, Map.of()), values,
                VectorKernelsProvider.best(), MemorySegment.ofArray(bytes.array())))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("cannot be read by FAISS");
        assertStillWorks();
    }

    private VectorIndex build(String factoryString, Metric metric) {
        return factory.build(new IndexSpec(DIMENSION, metric, Map.of("factory", factoryString)), values,
                VectorKernelsProvider.best());
    }

    private void assertStillWorks() {
        try (VectorIndex index = build("Flat", Metric.L2)) {
            assertThat(index.search(values.vector(42), 1, null, Map.of())).first()
                    .satisfies(neighbor -> assertThat(neighbor.ordinal()).isEqualTo(42));
        }
    }
}
