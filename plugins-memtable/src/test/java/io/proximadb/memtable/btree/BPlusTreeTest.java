package io.proximadb.memtable.btree;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.memtable.versions.VersionChain;
import io.proximadb.spi.memtable.MemtableEntry;
import io.proximadb.spi.record.Ids;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tree's shape: splits under thousands of keys in every order, and resumable scans. */
class BPlusTreeTest {

    private static List<String> ids(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("id-" + Integer.toString(i * 7_919 % 100_003, 36) + (i % 5 == 0 ? "\u00e9" : "") + (i % 11 == 0 ? "\ud83d\ude00" : ""));
        }
        return ids;
    }

    private static BPlusTree build(List<String> ids) {
        BPlusTree tree = new BPlusTree();
        for (String id : ids) {
            tree.insert(id, new VersionChain(MemtableEntry.tombstone(1, id)));
        }
        return tree;
    }

    @Test
    void splitsKeepEveryKeyFindableAndOrderedWhateverTheInsertOrder() {
        List<String> sorted = ids(20_000);
        sorted.sort(Ids.ORDER);
        List<String> random = new ArrayList<>(sorted);
        Collections.shuffle(random, new Random(9));
        for (List<String> order : List.of(sorted, sorted.reversed(), random)) {
            BPlusTree tree = build(order);
            assertThat(tree.height()).isGreaterThanOrEqualTo(3);
            for (String id : order) {
                assertThat(tree.get(id)).isNotNull().extracting(VersionChain::id).isEqualTo(id);
            }
            assertThat(tree.get("id-")).isNull();
            assertThat(tree.get("zzz")).isNull();
            List<VersionChain> all = new ArrayList<>();
            assertThat(tree.collectAfter(null, all, Integer.MAX_VALUE)).isEqualTo(sorted.size());
            assertThat(all.stream().map(VersionChain::id).toList()).containsExactlyElementsOf(sorted);
        }
    }

    @Test
    void collectAfterResumesStrictlyAfterAnyKey() {
        List<String> sorted = ids(3_000);
        sorted.sort(Ids.ORDER);
        List<String> shuffled = new ArrayList<>(sorted);
        Collections.shuffle(shuffled, new Random(10));
        BPlusTree tree = build(shuffled);
        for (int i = 0; i < sorted.size(); i += 37) {
            List<VersionChain> batch = new ArrayList<>();
            tree.collectAfter(sorted.get(i), batch, 100);
            List<String> expected = sorted.subList(i + 1, Math.min(sorted.size(), i + 101));
            assertThat(batch.stream().map(VersionChain::id).toList()).containsExactlyElementsOf(expected);
        }
        // Resuming after an absent key starts at its successor.
        List<VersionChain> fromAbsent = new ArrayList<>();
        tree.collectAfter(sorted.get(10) + "\u0000", fromAbsent, 1);
        assertThat(fromAbsent.getFirst().id()).isEqualTo(sorted.get(11));
    }
}
