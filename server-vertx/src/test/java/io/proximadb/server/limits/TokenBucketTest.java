package io.proximadb.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void aBurstIsAllowedThenTheRateAndTheWaitIsExact() {
        TokenBucket bucket = new TokenBucket(3, 2.0, 0);
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isEqualTo(500_000_000L);
        assertThat(bucket.tryTake(499_999_999L)).isPositive();
        assertThat(bucket.tryTake(1_000_000_000L)).isZero();
        assertThat(bucket.full(1_000_000_000L)).isFalse();
        assertThat(bucket.full(10_000_000_000L)).isTrue();
    }

    /** Over any span, what is granted never exceeds the burst plus the rate times the span. */
    @Property
    void grantsNeverExceedBurstPlusRate(@ForAll @IntRange(min = 1, max = 50) int burst,
                                        @ForAll @IntRange(min = 1, max = 1000) int perSecond,
                                        @ForAll @LongRange(min = 1, max = 5_000_000) long stepNanos) {
        TokenBucket bucket = new TokenBucket(burst, perSecond, 0);
        long granted = 0;
        long now = 0;
        for (int i = 0; i < 2000; i++) {
            now += stepNanos;
            if (bucket.tryTake(now) == 0) {
                granted++;
            }
        }
        assertThat(granted).isLessThanOrEqualTo(burst + (long) Math.floor(perSecond * now / 1e9) + 1);
    }
}
