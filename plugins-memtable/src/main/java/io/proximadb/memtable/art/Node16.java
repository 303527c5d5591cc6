package io.proximadb.memtable.art;

/** Five to sixteen children, found by binary search over the sorted key bytes. */
final class Node16 extends SortedNode {

    Node16(byte[] prefix, ArtLeaf terminal, byte[] keys, Object[] children) {
        super(prefix, terminal, keys, children);
    }

    @Override
    SortedNode create(byte[] newPrefix, ArtLeaf newTerminal, byte[] newKeys, Object[] newChildren) {
        return new Node16(newPrefix, newTerminal, newKeys, newChildren);
    }

    @Override
    ArtInner grow(byte[] newKeys, Object[] newChildren) {
        return Node48.of(prefix, terminal, newKeys, newChildren);
    }

    @Override
    int capacity() {
        return 16;
    }
}
