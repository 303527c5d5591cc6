package io.proximadb.memtable.art;

/** Up to four children; the kind every new inner node starts as. */
final class Node4 extends SortedNode {

    private static final byte[] NO_KEYS = new byte[0];
    private static final Object[] NO_CHILDREN = new Object[0];

    Node4(byte[] prefix, ArtLeaf terminal, byte[] keys, Object[] children) {
        super(prefix, terminal, keys, children);
    }

    static Node4 empty(byte[] prefix) {
        return new Node4(prefix, null, NO_KEYS, NO_CHILDREN);
    }

    @Override
    SortedNode create(byte[] newPrefix, ArtLeaf newTerminal, byte[] newKeys, Object[] newChildren) {
        return new Node4(newPrefix, newTerminal, newKeys, newChildren);
    }

    @Override
    ArtInner grow(byte[] newKeys, Object[] newChildren) {
        return new Node16(prefix, terminal, newKeys, newChildren);
    }

    @Override
    int capacity() {
        return 4;
    }
}
