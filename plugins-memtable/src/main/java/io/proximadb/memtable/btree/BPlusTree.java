package io.proximadb.memtable.btree;

import io.proximadb.memtable.versions.VersionChain;
import io.proximadb.spi.record.Ids;
import java.util.Arrays;
import java.util.Collection;

/**
 * A B+-tree from id (in {@link Ids#ORDER}) to version chain, with a fan-out of 64 and linked
 * leaves. Keys are only ever added: a memtable never removes an id, a delete is a tombstone
 * version.
 *
 * <p>Thread safety: none of its own. Nodes are mutated in place, so the owner serialises
 * {@link #insert} against everything else (a read-write lock in {@link BTreeMemtable}); reads may
 * share. In-place nodes keep the tree dense and inserts cheap; the price, that readers must not
 * hold a position across a lock release, is paid by {@link #collectAfter}, which lets a scan
 * resume from its last key instead of a leaf pointer.
 */
final class BPlusTree {

    /** Keys per node; a node splits when an insert would take it past this. */
    static final int MAX_KEYS = 64;

    private abstract static sealed class Node permits Leaf, Inner {
        final String[] keys = new String[MAX_KEYS + 1];
        int size;

        /** The first index whose key is greater than {@code key}. */
        final int upperBound(String key) {
            int low = 0;
            int high = size;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (Ids.compare(keys[mid], key) <= 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    private static final class Leaf extends Node {
        final VersionChain[] values = new VersionChain[MAX_KEYS + 1];
        Leaf next;
    }

    private static final class Inner extends Node {
        /** {@code size + 1} children; child {@code i} holds the keys in {@code [keys[i-1], keys[i])}. */
        final Node[] children = new Node[MAX_KEYS + 2];
    }

    /** The result of a split: the first key of the new right sibling, and the sibling. */
    private record Split(String separator, Node right) {
    }

    private Node root = new Leaf();
    private int height = 1;

    /** The chain of {@code id}, or null. */
    VersionChain get(String id) {
        Leaf leaf = leafFor(id);
        int i = leaf.upperBound(id) - 1;
        return i >= 0 && leaf.keys[i].equals(id) ? leaf.values[i] : null;
    }

    /** Adds an id that is not in the tree. */
    void insert(String id, VersionChain chain) {
        Split split = insert(root, id, chain);
        if (split != null) {
            Inner newRoot = new Inner();
            newRoot.keys[0] = split.separator;
            newRoot.children[0] = root;
            newRoot.children[1] = split.right;
            newRoot.size = 1;
            root = newRoot;
            height++;
        }
    }

    /**
     * Appends to {@code out} the chains of up to {@code max} ids greater than {@code after} (of all
     * ids when it is null), in order, following the leaf links; returns how many it appended.
     */
    int collectAfter(String after, Collection<VersionChain> out, int max) {
        Leaf leaf;
        int i;
        if (after == null) {
            Node node = root;
            while (node instanceof Inner inner) {
                node = inner.children[0];
            }
            leaf = (Leaf) node;
            i = 0;
        } else {
            leaf = leafFor(after);
            i = leaf.upperBound(after);
        }
        int added = 0;
        while (leaf != null && added < max) {
            for (; i < leaf.size && added < max; i++) {
                out.add(leaf.values[i]);
                added++;
            }
            leaf = leaf.next;
            i = 0;
        }
        return added;
    }

    /** Levels, leaves included; for tests. */
    int height() {
        return height;
    }

    private Leaf leafFor(String id) {
        Node node = root;
        while (node instanceof Inner inner) {
            node = inner.children[inner.upperBound(id)];
        }
        return (Leaf) node;
    }

    private static Split insert(Node node, String id, VersionChain chain) {
        int at = node.upperBound(id);
        if (node instanceof Leaf leaf) {
            shift(leaf.keys, at, leaf.size);
            shift(leaf.values, at, leaf.size);
            leaf.keys[at] = id;
            leaf.values[at] = chain;
            leaf.size++;
            return leaf.size > MAX_KEYS ? splitLeaf(leaf) : null;
        }
        Inner inner = (Inner) node;
        Split below = insert(inner.children[at], id, chain);
        if (below == null) {
            return null;
        }
        shift(inner.keys, at, inner.size);
        shift(inner.children, at + 1, inner.size + 1);
        inner.keys[at] = below.separator;
        inner.children[at + 1] = below.right;
        inner.size++;
        return inner.size > MAX_KEYS ? splitInner(inner) : null;
    }

    private static Split splitLeaf(Leaf leaf) {
        Leaf right = new Leaf();
        int keep = leaf.size / 2;
        int move = leaf.size - keep;
        System.arraycopy(leaf.keys, keep, right.keys, 0, move);
        System.arraycopy(leaf.values, keep, right.values, 0, move);
        Arrays.fill(leaf.keys, keep, leaf.size, null);
        Arrays.fill(leaf.values, keep, leaf.size, null);
        right.size = move;
        leaf.size = keep;
        right.next = leaf.next;
        leaf.next = right;
        return new Split(right.keys[0], right);
    }

    private static Split splitInner(Inner inner) {
        Inner right = new Inner();
        int mid = inner.size / 2;
        String separator = inner.keys[mid];
        int moveKeys = inner.size - mid - 1;
        System.arraycopy(inner.keys, mid + 1, right.keys, 0, moveKeys);
        System.arraycopy(inner.children, mid + 1, right.children, 0, moveKeys + 1);
        Arrays.fill(inner.keys, mid, inner.size, null);
        Arrays.fill(inner.children, mid + 1, inner.size + 1, null);
        right.size = moveKeys;
        inner.size = mid;
        return new Split(separator, right);
    }

    private static void shift(Object[] array, int from, int length) {
        System.arraycopy(array, from, array, from + 1, length - from);
    }
}
