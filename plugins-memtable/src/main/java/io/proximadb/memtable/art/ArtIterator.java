package io.proximadb.memtable.art;

import io.proximadb.memtable.versions.VersionChain;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An in-order walk of one published (hence immutable) tree: each inner node's terminal leaf, then
 * its children by unsigned byte. Used by one thread; unaffected by later inserts.
 */
final class ArtIterator implements Iterator<VersionChain> {

    private static final class Frame {
        final ArtInner node;
        int nextByte;
        boolean terminalDone;

        Frame(ArtInner node) {
            this.node = node;
        }
    }

    private final ArrayDeque<Frame> stack = new ArrayDeque<>();
    private ArtLeaf next;

    ArtIterator(Object root) {
        if (root instanceof ArtLeaf leaf) {
            next = leaf;
        } else if (root instanceof ArtInner inner) {
            stack.push(new Frame(inner));
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public VersionChain next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ArtLeaf leaf = next;
        next = null;
        return leaf.chain;
    }

    private ArtLeaf advance() {
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (!frame.terminalDone) {
                frame.terminalDone = true;
                if (frame.node.terminal != null) {
                    return frame.node.terminal;
                }
            }
            int b = frame.nextByte > 255 ? -1 : frame.node.nextChildByte(frame.nextByte);
            if (b < 0) {
                stack.pop();
                continue;
            }
            frame.nextByte = b + 1;
            Object child = frame.node.child(b);
            if (child instanceof ArtLeaf leaf) {
                return leaf;
            }
            stack.push(new Frame((ArtInner) child));
        }
        return null;
    }
}
