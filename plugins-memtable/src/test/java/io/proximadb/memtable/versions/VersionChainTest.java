package io.proximadb.memtable.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.memtable.MemtableEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VersionChainTest {

    @Test
    void longChainsInRandomOrderAnswerLatestAtOrBefore() {
        List<Long> sequences = new ArrayList<>();
        for (long s = 10; s <= 1_000; s += 10) {
            sequences.add(s);
        }
        Collections.shuffle(sequences, new Random(1));
        VersionChain chain = new VersionChain(MemtableEntry.tombstone(sequences.getFirst(), "id"));
        sequences.stream().skip(1).forEach(s -> chain.add(MemtableEntry.tombstone(s, "id")));
        assertThat(chain.size()).isEqualTo(100);
        assertThat(chain.latestAtOrBefore(9)).isNull();
        for (long at = 10; at <= 1_005; at++) {
            assertThat(chain.latestAtOrBefore(at).sequence()).isEqualTo(Math.min(at / 10 * 10, 1_000));
        }
    }

    @Test
    void rejectsDuplicateSequencesAndForeignIds() {
        VersionChain chain = new VersionChain(MemtableEntry.tombstone(5, "id"));
        assertThatThrownBy(() -> chain.add(MemtableEntry.tombstone(5, "id")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sequence 5");
        assertThatThrownBy(() -> chain.add(MemtableEntry.tombstone(6, "other")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other");
    }
}
