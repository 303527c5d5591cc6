package io.proximadb.memtable.art;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.memtable.versions.VersionChain;
import io.proximadb.spi.memtable.MemtableEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tree's shape: node growth, path compression and terminal leaves. */
class ArtTreeTest {

    private static ArtLeaf leaf(byte[] key) {
        return new ArtLeaf(key, new VersionChain(MemtableEntry.tombstone(1, Arrays.toString(key))));
    }

    @Test
    void nodesGrowFrom4To16To48To256() {
        ArtTree tree = new ArtTree();
        List<Integer> order = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            order.add(b);
        }
        Collections.shuffle(order, new Random(2));
        for (int i = 0; i < order.size(); i++) {
            tree.insert(leaf(new byte[] {'p', (byte) (int) order.get(i)}));
            int children = i + 1;
            if (children == 1) {
                assertThat(tree.root()).isInstanceOf(ArtLeaf.class);
                continue;
            }
            ArtInner root = (ArtInner) tree.root();
            assertThat(root.prefix).containsExactly('p');
            assertThat(root.childCount()).isEqualTo(children);
            int expected = children <= 4 ? 4 : children <= 16 ? 16 : children <= 48 ? 48 : 256;
            assertThat(root.capacity()).as("node kind with %d children", children).isEqualTo(expected);
            assertThat(tree.find(new byte[] {'p', (byte) (int) order.get(i)})).isNotNull();
        }
        List<Integer> scanned = new ArrayList<>();
        tree.chains().forEachRemaining(chain -> scanned.add(scanned.size()));
        assertThat(scanned).hasSize(256);
        Iterator<VersionChain> chains = tree.chains();
        for (int b = 0; b < 256; b++) {
            assertThat(chains.next().id()).isEqualTo(Arrays.toString(new byte[] {'p', (byte) b}));
        }
        for (int b = 0; b < 256; b++) {
            assertThat(tree.find(new byte[] {'p', (byte) b})).isNotNull();
        }
        assertThat(tree.find(new byte[] {'p'})).isNull();
        assertThat(tree.find(new byte[] {'q', 0})).isNull();
    }

    @Test
    void longSharedPrefixesAreCompressedAndSplitWhereKeysDiverge() {
        String shared = "x".repeat(300);
        byte[] a = (shared + "a").getBytes(StandardCharsets.UTF_8);
        byte[] b = (shared + "b").getBytes(StandardCharsets.UTF_8);
        ArtTree tree = new ArtTree();
        tree.insert(leaf(a));
        tree.insert(leaf(b));
        ArtInner root = (ArtInner) tree.root();
        assertThat(root.prefix).hasSize(300);
        assertThat(root.childCount()).isEqualTo(2);

        byte[] early = ("x".repeat(100) + "y").getBytes(StandardCharsets.UTF_8);
        tree.insert(leaf(early));
        root = (ArtInner) tree.root();
        assertThat(root.prefix).hasSize(100);
        ArtInner rest = (ArtInner) root.child('x');
        assertThat(rest.prefix).hasSize(199);
        assertThat(root.child('y')).isInstanceOf(ArtLeaf.class);

        // A key that is a prefix of all others ends inside the compressed path: it becomes a terminal.
        byte[] shortKey = "x".repeat(50).getBytes(StandardCharsets.UTF_8);
        tree.insert(leaf(shortKey));
        root = (ArtInner) tree.root();
        assertThat(root.prefix).hasSize(50);
        assertThat(root.terminal).isNotNull();

        for (byte[] key : List.of(a, b, early, shortKey)) {
            assertThat(tree.find(key)).isNotNull().extracting(l -> l.key).isEqualTo(key);
        }
        assertThat(tree.find("x".repeat(51).getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(tree.find("x".repeat(300).getBytes(StandardCharsets.UTF_8))).isNull();
        List<String> order = new ArrayList<>();
        tree.chains().forEachRemaining(chain -> order.add(chain.id()));
        assertThat(order).containsExactly(Arrays.toString(shortKey), Arrays.toString(a), Arrays.toString(b),
                Arrays.toString(early));
    }

    @Test
    void manyIdsWithSharedPrefixesThroughTheMemtable() {
        ArtMemtable memtable = new ArtMemtable();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            ids.add("tenant-" + (i % 3) + "/collection-7/record-" + i);
        }
        Collections.shuffle(ids, new Random(4));
        long sequence = 1;
        for (String id : ids) {
            memtable.put(MemtableEntry.tombstone(sequence++, id));
        }
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted); // ASCII: String order is Ids.ORDER
        List<String> scanned = new ArrayList<>();
        memtable.scan(Long.MAX_VALUE).forEachRemaining(entry -> scanned.add(entry.id()));
        assertThat(scanned).containsExactlyElementsOf(sorted);
        ArtInner root = (ArtInner) memtable.tree().root();
        assertThat(root.prefix).containsExactly("tenant-".getBytes(StandardCharsets.UTF_8));
        assertThat(root.childCount()).isEqualTo(3);
    }
}
