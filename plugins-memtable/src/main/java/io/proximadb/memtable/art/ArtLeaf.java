package io.proximadb.memtable.art;

import io.proximadb.memtable.versions.VersionChain;

/**
 * A leaf of the tree: one id's full UTF-8 key (so that a single-leaf subtree needs no inner node,
 * ART's "lazy expansion") and its versions. Immutable; the chain appends on its own.
 */
final class ArtLeaf {

    final byte[] key;
    final VersionChain chain;

    ArtLeaf(byte[] key, VersionChain chain) {
        this.key = key;
        this.chain = chain;
    }
}
