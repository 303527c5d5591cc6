package io.proximadb.memtable.art;

/**
 * The small node kinds, Node4 and Node16: parallel arrays of keys (in unsigned order) and children,
 * sized exactly to the children held, since every change copies them anyway.
 */
abstract sealed class SortedNode extends ArtInner permits Node4, Node16 {

    final byte[] keys;
    final Object[] children;

    SortedNode(byte[] prefix, ArtLeaf terminal, byte[] keys, Object[] children) {
        super(prefix, terminal);
        this.keys = keys;
        this.children = children;
    }

    /** A node of this kind. */
    abstract SortedNode create(byte[] newPrefix, ArtLeaf newTerminal, byte[] newKeys, Object[] newChildren);

    /** The next larger kind holding these {@code capacity() + 1} children. */
    abstract ArtInner grow(byte[] newKeys, Object[] newChildren);

    @Override
    final Object child(int b) {
        int i = find(b);
        return i >= 0 ? children[i] : null;
    }

    @Override
    final ArtInner withChild(int b, Object child) {
        int i = find(b);
        if (i >= 0) {
            Object[] replaced = children.clone();
            replaced[i] = child;
            return create(prefix, terminal, keys, replaced);
        }
        int at = -i - 1;
        int n = keys.length;
        byte[] newKeys = new byte[n + 1];
        Object[] newChildren = new Object[n + 1];
        System.arraycopy(keys, 0, newKeys, 0, at);
        System.arraycopy(children, 0, newChildren, 0, at);
        newKeys[at] = (byte) b;
        newChildren[at] = child;
        System.arraycopy(keys, at, newKeys, at + 1, n - at);
        System.arraycopy(children, at, newChildren, at + 1, n - at);
        return n < capacity() ? create(prefix, terminal, newKeys, newChildren) : grow(newKeys, newChildren);
    }

    @Override
    final ArtInner with(byte[] newPrefix, ArtLeaf newTerminal) {
        return create(newPrefix, newTerminal, keys, children);
    }

    @Override
    final int nextChildByte(int from) {
        for (byte key : keys) {
            int k = key & 0xff;
            if (k >= from) {
                return k;
            }
        }
        return -1;
    }

    @Override
    final int childCount() {
        return keys.length;
    }

    /** Binary search over unsigned bytes: the index, or {@code -(insertion point) - 1}. */
    private int find(int b) {
        int low = 0;
        int high = keys.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int k = keys[mid] & 0xff;
            if (k < b) {
                low = mid + 1;
            } else if (k > b) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }
}
