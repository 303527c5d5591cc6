package io.proximadb.kernel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.kernel.storage.SizeTieredPolicy.Candidate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SizeTieredPolicyTest {

    private final SizeTieredPolicy policy = new SizeTieredPolicy(4, 6, 4);

    private static List<Candidate> sizes(long... bytes) {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            candidates.add(new Candidate("s" + i, bytes[i]));
        }
        return candidates;
    }

    @Test
    void nothingToDoUntilATierIsFull() {
        assertThat(policy.pick(sizes(10, 10, 10))).isEmpty();
        assertThat(policy.pick(sizes(10, 100, 1000, 10_000))).isEmpty();
    }

    @Test
    void mergesTheSmallestFullTier() {
        List<Candidate> picked = policy.pick(sizes(1000, 12, 10, 11, 1100, 13, 900, 950));
        assertThat(picked).extracting(Candidate::name).containsExactly("s2", "s3", "s1", "s5");
    }

    @Test
    void mergesAtMostMaxMergeSegmentsSmallestFirst() {
        List<Candidate> picked = policy.pick(sizes(10, 10, 10, 10, 10, 10, 10, 10));
        assertThat(picked).hasSize(6);
    }

    @Test
    void aLargerTierIsMergedWhenSmallerOnesAreNot() {
        assertThat(policy.pick(sizes(1, 100, 100, 120, 130))).extracting(Candidate::name)
                .containsExactly("s1", "s2", "s3", "s4");
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new SizeTieredPolicy(1, 4, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SizeTieredPolicy(4, 3, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SizeTieredPolicy(4, 4, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 200)
    void pickedSegmentsFormOneTierWithinTheLimits(@ForAll @Size(max = 30) List<@LongRange(min = 0, max = 1_000_000) Long> bytes) {
        List<Candidate> picked = policy.pick(sizes(bytes.stream().mapToLong(Long::longValue).toArray()));
        if (!picked.isEmpty()) {
            assertThat(picked.size()).isBetween(4, 6);
            long smallest = picked.stream().mapToLong(Candidate::bytes).min().orElseThrow();
            long largest = picked.stream().mapToLong(Candidate::bytes).max().orElseThrow();
            assertThat(largest).isLessThanOrEqualTo(Math.max(1, smallest) * 4);
        }
    }
}
