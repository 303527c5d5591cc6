package io.proximadb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.ScalarVectorKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The builder's re-choice of full lists from remembered checks ({@link LinkState}) makes the very
 * graph that re-checking every pair makes. One thread, so both builds insert in the same order,
 * and scalar kernels on arrays, so a distance is the same bits whichever end it is measured from.
 */
class HnswBuilderTest {

    private static final int DIMENSION = 12;

    @ParameterizedTest
    @EnumSource(value = Metric.class, names = {"L2", "DOT"})
    void trustingCheckedPairsBuildsTheSameGraph(Metric metric) {
        VectorValues values = IndexFixtures.clustered(3_000, DIMENSION, 20, 11).values();
        HnswParams params = HnswParams.parse(Map.of("m", "6", "ef_construction", "40", "build_threads", "1"));
        assertThat(graphBytes(values, metric, params, true)).isEqualTo(graphBytes(values, metric, params, false));
    }

    private static byte[] graphBytes(VectorValues values, Metric metric, HnswParams params, boolean skipCheckedPairs) {
        byte[] levels = Levels.draw(values.size(), params.levelMultiplier(), params.seed());
        HnswLayout layout = HnswLayout.forLevels(levels, params.m(), params.m0(), false, 0, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(layout.size);
            HnswFormat.writeLevels(data, layout, levels);
            HnswGraph graph = new HnswGraph(data, layout);
            VectorDistance distance = new VectorDistance(metric, ScalarVectorKernels.INSTANCE, values, null, 0);
            new HnswBuilder(graph, distance, params, levels, DIMENSION, skipCheckedPairs).insertAll();
            return data.toArray(ValueLayout.JAVA_BYTE);
        }
    }
}
