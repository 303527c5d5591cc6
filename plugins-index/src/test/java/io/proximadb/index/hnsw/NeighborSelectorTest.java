package io.proximadb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.ScalarVectorKernels;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The heuristic re-run on a full list that skips pairs it checked before ({@code reselect}) keeps
 * exactly what a run over every pair keeps, through a list's whole life in a build: appends while
 * it has room (unchecked), and a re-choice each time a newcomer finds it full.
 */
class NeighborSelectorTest {

    private static final int DIMENSION = 6;
    private static final int BASE = 0;

    @Property(tries = 200)
    void reselectKeepsWhatTheFullHeuristicKeeps(@ForAll @IntRange(min = 2, max = 16) int capacity,
                                                @ForAll @IntRange(min = 2, max = 120) int arrivals,
                                                @ForAll boolean clustered, @ForAll boolean dot, @ForAll long seed) {
        IndexFixtures.ArrayValues values = clustered
                ? IndexFixtures.clustered(arrivals + 1, DIMENSION, 3, seed).values()
                : IndexFixtures.random(arrivals + 1, DIMENSION, seed);
        VectorDistance distance = new VectorDistance(dot ? Metric.DOT : Metric.L2, ScalarVectorKernels.INSTANCE, values, null, 0);
        NeighborSelector selector = new NeighborSelector(distance);
        float[] base = values.vector(BASE);

        int[] list = new int[capacity];
        float[] listDistances = new float[capacity];
        boolean[] listChecked = new boolean[capacity];
        int size = 0;
        int reselections = 0;
        for (int newcomer : arrivalOrder(arrivals, seed)) {
            float toBase = distance.distance(base, newcomer);
            if (size < capacity) {
                list[size] = newcomer;
                listDistances[size] = toBase;
                listChecked[size++] = false;
                continue;
            }
            int[] nodes = Arrays.copyOf(list, capacity + 1);
            float[] distances = Arrays.copyOf(listDistances, capacity + 1);
            boolean[] checked = Arrays.copyOf(listChecked, capacity + 1);
            nodes[capacity] = newcomer;
            distances[capacity] = toBase;
            checked[capacity] = false;
            NeighborSelector.sortNearestFirst(nodes, distances, checked, capacity + 1);

            int[] expected = new int[capacity];
            int expectedSize = selector.select(nodes, distances, capacity + 1, capacity, expected, new float[capacity],
                    new float[capacity][DIMENSION], new float[capacity][]);
            boolean[] cameChecked = new boolean[capacity];
            size = selector.reselect(nodes, distances, checked, capacity + 1, capacity, list, listDistances, cameChecked,
                    newcomer, values.vector(newcomer), new float[DIMENSION]);
            reselections++;

            assertThat(Arrays.copyOf(list, size)).as("after %d re-choices", reselections)
                    .containsExactly(Arrays.copyOf(expected, expectedSize));
            Arrays.fill(listChecked, 0, size, true);
        }
    }

    @Test
    void measuresOnlyPairsWithAnUncheckedCandidate() {
        // On a line, base at 0: 1 and -2 lie on opposite sides, so an earlier run kept both (checked).
        CountingValues values = new CountingValues(new IndexFixtures.ArrayValues(List.of(
                new float[] {0}, new float[] {1}, new float[] {-2}, new float[] {3}), 1));
        NeighborSelector selector = new NeighborSelector(new VectorDistance(Metric.L2, ScalarVectorKernels.INSTANCE, values, null, 0));
        int[] into = new int[3];
        int kept = selector.reselect(new int[] {1, 2, 3}, new float[] {1, 4, 9}, new boolean[] {true, true, false}, 3, 3,
                into, new float[3], new boolean[3], 3, new float[] {3}, new float[1]);
        // The newcomer 3 is nearer to 1 (4) than to the base (9): dropped after one measurement.
        assertThat(Arrays.copyOf(into, kept)).containsExactly(1, 2);
        assertThat(values.reads).as("vectors read: the newcomer's pair with 1 only").isEqualTo(1);
    }

    /** Counts the vectors read, one per distance measured against a stored node. */
    private static final class CountingValues implements VectorValues {
        private final VectorValues values;
        int reads;

        CountingValues(VectorValues values) {
            this.values = values;
        }

        @Override
        public int dimension() {
            return values.dimension();
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public float[] vector(int ordinal) {
            reads++;
            return values.vector(ordinal);
        }
    }

    private static int[] arrivalOrder(int arrivals, long seed) {
        int[] order = new int[arrivals];
        for (int i = 0; i < arrivals; i++) {
            order[i] = i + 1;
        }
        Random random = new Random(seed);
        for (int i = arrivals - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
