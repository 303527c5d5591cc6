package io.proximadb.memtable.art;

import io.proximadb.memtable.versions.VersionChain;
import java.util.Arrays;
import java.util.Iterator;

/**
 * An adaptive radix tree (Leis et al., ICDE 2013) over UTF-8 keys, with copy-on-write nodes.
 *
 * <p>Thread safety: {@link #find} and {@link #chains} may run concurrently with anything; they
 * read the volatile root once and walk immutable nodes. {@link #insert} must be serialised by
 * the caller. An insert copies the nodes on the path from the root to the change (a handful for
 * realistic ids) and publishes the new root with one volatile write, so a reader sees either the
 * whole insert or none of it. This buys lock-free, snapshot-stable reads for the price of some
 * garbage per new id; versions of existing ids do not touch the tree at all.
 */
final class ArtTree {

    /** null, an {@link ArtLeaf} or an {@link ArtInner}. */
    private volatile Object root;

    /** The leaf of {@code key}, or null. */
    ArtLeaf find(byte[] key) {
        Object node = root;
        int depth = 0;
        while (node != null) {
            if (node instanceof ArtLeaf leaf) {
                return Arrays.equals(leaf.key, key) ? leaf : null;
            }
            ArtInner inner = (ArtInner) node;
            byte[] prefix = inner.prefix;
            if (key.length - depth < prefix.length
                    || !Arrays.equals(prefix, 0, prefix.length, key, depth, depth + prefix.length)) {
                return null;
            }
            depth += prefix.length;
            if (depth == key.length) {
                return inner.terminal;
            }
            node = inner.child(key[depth] & 0xff);
            depth++;
        }
        return null;
    }

    /** Adds a leaf whose key is not in the tree. Callers serialise inserts. */
    void insert(ArtLeaf leaf) {
        root = insert(root, leaf, 0);
    }

    /** The chains of all leaves, in unsigned byte order of their keys, as of this call. */
    Iterator<VersionChain> chains() {
        return new ArtIterator(root);
    }

    /** The current root, for structural tests. */
    Object root() {
        return root;
    }

    private static Object insert(Object node, ArtLeaf leaf, int depth) {
        byte[] key = leaf.key;
        if (node == null) {
            return leaf;
        }
        if (node instanceof ArtLeaf existing) {
            // Lazy expansion: two leaves meet; an inner node takes their common bytes as prefix.
            int common = commonLength(existing.key, key, depth);
            if (depth + common == key.length && key.length == existing.key.length) {
                throw new IllegalStateException("key already present; the caller must look it up first");
            }
            ArtInner split = Node4.empty(Arrays.copyOfRange(key, depth, depth + common));
            split = place(split, existing, depth + common);
            return place(split, leaf, depth + common);
        }
        ArtInner inner = (ArtInner) node;
        byte[] prefix = inner.prefix;
        int matched = commonLength(prefix, 0, key, depth);
        if (matched < prefix.length) {
            // The key leaves the compressed path part way: split the path at the mismatch.
            ArtInner shortened = inner.with(Arrays.copyOfRange(prefix, matched + 1, prefix.length), inner.terminal);
            ArtInner split = Node4.empty(Arrays.copyOf(prefix, matched)).withChild(prefix[matched] & 0xff, shortened);
            return place(split, leaf, depth + matched);
        }
        int next = depth + prefix.length;
        if (next == key.length) {
            if (inner.terminal != null) {
                throw new IllegalStateException("key already present; the caller must look it up first");
            }
            return inner.with(prefix, leaf);
        }
        int b = key[next] & 0xff;
        return inner.withChild(b, insert(inner.child(b), leaf, next + 1));
    }

    /** Puts a leaf into a node whose keys agree with it up to {@code depth}. */
    private static ArtInner place(ArtInner node, ArtLeaf leaf, int depth) {
        return leaf.key.length == depth
                ? node.with(node.prefix, leaf)
                : node.withChild(leaf.key[depth] & 0xff, leaf);
    }

    private static int commonLength(byte[] a, byte[] b, int from) {
        int limit = Math.min(a.length, b.length);
        int i = from;
        while (i < limit && a[i] == b[i]) {
            i++;
        }
        return i - from;
    }

    private static int commonLength(byte[] prefix, int prefixFrom, byte[] key, int keyFrom) {
        int limit = Math.min(prefix.length - prefixFrom, key.length - keyFrom);
        int i = 0;
        while (i < limit && prefix[prefixFrom + i] == key[keyFrom + i]) {
            i++;
        }
        return i;
    }
}
