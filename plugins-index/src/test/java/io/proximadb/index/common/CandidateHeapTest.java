package io.proximadb.index.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.index.Neighbor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The bounded heap of the flat and ivf scans against sorting everything offered. */
class CandidateHeapTest {

    @Property(tries = 300)
    void keepsTheNearestByDistanceThenOrdinal(@ForAll @Size(max = 200) List<@FloatRange(min = -4, max = 4) Float> distances,
                                               @ForAll @IntRange(min = 1, max = 40) int capacity) {
        CandidateHeap heap = new CandidateHeap(capacity);
        List<Neighbor> offered = new ArrayList<>();
        for (int ordinal = 0; ordinal < distances.size(); ordinal++) {
            // coarse distances, so that ties (broken by the smaller ordinal) are common
            float distance = Math.round(distances.get(ordinal) * 4) / 4f;
            heap.offer(ordinal, distance);
            offered.add(new Neighbor(ordinal, distance));
        }
        List<Neighbor> expected = offered.stream()
                .sorted(Comparator.comparingDouble(Neighbor::distance).thenComparingInt(Neighbor::ordinal))
                .limit(capacity).toList();
        assertThat(heap.drainToList()).containsExactlyElementsOf(expected);
        assertThat(heap.size()).isZero();
    }

    @Test
    void aResetHeapTakesANewBoundAndGrowsForIt() {
        CandidateHeap heap = new CandidateHeap(2);
        for (int ordinal = 0; ordinal < 10; ordinal++) {
            heap.offer(ordinal, 10 - ordinal);
        }
        assertThat(heap.drainToList()).extracting(Neighbor::ordinal).containsExactly(9, 8);
        heap.reset(5);
        for (int ordinal = 0; ordinal < 10; ordinal++) {
            heap.offer(ordinal, ordinal);
        }
        int[] ordinals = new int[5];
        float[] distances = new float[5];
        assertThat(heap.drainSorted(ordinals, distances)).isEqualTo(5);
        assertThat(ordinals).containsExactly(0, 1, 2, 3, 4);
        assertThat(distances).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aNanDistanceRanksAfterEveryNumber() {
        CandidateHeap heap = new CandidateHeap(2);
        heap.offer(0, Float.NaN);
        heap.offer(1, 3f);
        heap.offer(2, Float.POSITIVE_INFINITY);
        assertThat(heap.drainToList()).extracting(Neighbor::ordinal).containsExactly(1, 2);
    }
}
