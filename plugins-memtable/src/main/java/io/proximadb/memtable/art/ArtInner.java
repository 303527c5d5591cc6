package io.proximadb.memtable.art;

/**
 * An inner node of the adaptive radix tree. Nodes are immutable: every change returns a new node
 * (copy-on-write), so that readers walk a published tree without locks and never see a node half
 * way through a change. The node kinds differ only in how they map a byte to a child; they grow
 * 4 → 16 → 48 → 256 as children are added.
 *
 * <p>Path compression is pessimistic: {@link #prefix} holds the whole compressed path, so a lookup
 * never has to go back to a leaf to check skipped bytes. A key that ends exactly at this node
 * (an id that is a prefix of other ids) lives in {@link #terminal}, which sorts before every
 * child, as the shorter key does in unsigned byte order.
 */
abstract sealed class ArtInner permits SortedNode, Node48, Node256 {

    final byte[] prefix;
    final ArtLeaf terminal;

    ArtInner(byte[] prefix, ArtLeaf terminal) {
        this.prefix = prefix;
        this.terminal = terminal;
    }

    /** The child under byte {@code b} (0-255), an {@link ArtLeaf} or an {@link ArtInner}, or null. */
    abstract Object child(int b);

    /** A copy with the child under {@code b} set or replaced, grown to a larger kind when full. */
    abstract ArtInner withChild(int b, Object child);

    /** A copy with the same children and another prefix and terminal. */
    abstract ArtInner with(byte[] newPrefix, ArtLeaf newTerminal);

    /** The smallest byte {@code >= from} that has a child, or -1. */
    abstract int nextChildByte(int from);

    abstract int childCount();

    /** The node kind by capacity: 4, 16, 48 or 256. */
    abstract int capacity();
}
