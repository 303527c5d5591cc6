package io.proximadb.memtable.art;

import java.util.Arrays;

/**
 * Seventeen to 48 children: a 256-entry index from byte to slot (slot + 1, 0 for none) and a dense
 * array of children in insertion order. Slots are never freed, since memtables never delete keys.
 */
final class Node48 extends ArtInner {

    private final byte[] index;
    private final Object[] children;

    private Node48(byte[] prefix, ArtLeaf terminal, byte[] index, Object[] children) {
        super(prefix, terminal);
        this.index = index;
        this.children = children;
    }

    static Node48 of(byte[] prefix, ArtLeaf terminal, byte[] keys, Object[] children) {
        byte[] index = new byte[256];
        for (int i = 0; i < keys.length; i++) {
            index[keys[i] & 0xff] = (byte) (i + 1);
        }
        return new Node48(prefix, terminal, index, children.clone());
    }

    @Override
    Object child(int b) {
        int slot = index[b] & 0xff;
        return slot == 0 ? null : children[slot - 1];
    }

    @Override
    ArtInner withChild(int b, Object child) {
        int slot = index[b] & 0xff;
        if (slot != 0) {
            Object[] replaced = children.clone();
            replaced[slot - 1] = child;
            return new Node48(prefix, terminal, index, replaced);
        }
        int n = children.length;
        if (n < 48) {
            byte[] newIndex = index.clone();
            newIndex[b] = (byte) (n + 1);
            Object[] newChildren = Arrays.copyOf(children, n + 1);
            newChildren[n] = child;
            return new Node48(prefix, terminal, newIndex, newChildren);
        }
        Object[] all = new Object[256];
        for (int k = 0; k < 256; k++) {
            int s = index[k] & 0xff;
            if (s != 0) {
                all[k] = children[s - 1];
            }
        }
        all[b] = child;
        return new Node256(prefix, terminal, all, n + 1);
    }

    @Override
    ArtInner with(byte[] newPrefix, ArtLeaf newTerminal) {
        return new Node48(newPrefix, newTerminal, index, children);
    }

    @Override
    int nextChildByte(int from) {
        for (int b = from; b < 256; b++) {
            if (index[b] != 0) {
                return b;
            }
        }
        return -1;
    }

    @Override
    int childCount() {
        return children.length;
    }

    @Override
    int capacity() {
        return 48;
    }
}
