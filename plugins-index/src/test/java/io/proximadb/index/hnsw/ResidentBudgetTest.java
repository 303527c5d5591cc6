package io.proximadb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResidentBudgetTest {

    @Test
    void reservesWhatFitsAndTakesBackWhatIsReleased() {
        ResidentBudget budget = new ResidentBudget(100);
        assertThat(budget.tryReserve(60)).isTrue();
        assertThat(budget.tryReserve(41)).isFalse();
        assertThat(budget.tryReserve(40)).isTrue();
        assertThat(budget.tryReserve(1)).isFalse();
        budget.release(60);
        assertThat(budget.reserved()).isEqualTo(40);
        assertThat(budget.tryReserve(60)).isTrue();
        assertThat(budget.reserved()).isEqualTo(100);
    }

    @Test
    void aReservationLargerThanTheWholeBudgetNeverFits() {
        assertThat(new ResidentBudget(10).tryReserve(11)).isFalse();
        assertThat(new ResidentBudget(0).tryReserve(1)).isFalse();
        assertThatThrownBy(() -> new ResidentBudget(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void racingReservationsNeverOverdrawIt() throws InterruptedException {
        ResidentBudget budget = new ResidentBudget(1_000);
        AtomicLong granted = new AtomicLong();
        AtomicLong peak = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 20_000; i++) {
                    if (budget.tryReserve(300)) {
                        peak.accumulateAndGet(granted.addAndGet(300), Math::max);
                        granted.addAndGet(-300);
                        budget.release(300);
                    }
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(peak.get()).isLessThanOrEqualTo(1_000);
        assertThat(budget.reserved()).isZero();
    }
}
