package io.proximadb.memtable.art;

/** 49 to 256 children, one slot per byte value. */
final class Node256 extends ArtInner {

    private final Object[] children;
    private final int count;

    Node256(byte[] prefix, ArtLeaf terminal, Object[] children, int count) {
        super(prefix, terminal);
        this.children = children;
        this.count = count;
    }

    @Override
    Object child(int b) {
        return children[b];
    }

    @Override
    ArtInner withChild(int b, Object child) {
        Object[] copy = children.clone();
        int newCount = copy[b] == null ? count + 1 : count;
        copy[b] = child;
        return new Node256(prefix, terminal, copy, newCount);
    }

    @Override
    ArtInner with(byte[] newPrefix, ArtLeaf newTerminal) {
        return new Node256(newPrefix, newTerminal, children, count);
    }

    @Override
    int nextChildByte(int from) {
        for (int b = from; b < 256; b++) {
            if (children[b] != null) {
                return b;
            }
        }
        return -1;
    }

    @Override
    int childCount() {
        return count;
    }

    @Override
    int capacity() {
        return 256;
    }
}
