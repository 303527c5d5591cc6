package io.proximadb.kernel.storage;

import io.proximadb.spi.record.Ids;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.segment.Segment;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The records of several segments that survive a merge, in id order: a k-way merge over the
 * segments' sorted id columns that skips records deleted at or before the merge's sequence and
 * records already expired. Deletions after that sequence are not applied here: the records stay,
 * and {@link #outputOrdinal} maps them so that their later deletions carry over to the output.
 *
 * <p>At most one copy of an id is live at any sequence, so two surviving copies mean the engine
 * broke an invariant: the merge stops with an {@link IllegalStateException} instead of guessing.
 */
final class SegmentMerger implements Iterator<VectorRecord> {

    private record Cursor(int input, int ordinal, String id) {
    }

    private final List<LiveSegment> inputs;
    private final long atSequence;
    private final long nowMillis;
    private final int[][] outputOrdinals;
    private final PriorityQueue<Cursor> heap = new PriorityQueue<>((a, b) -> Ids.compare(a.id(), b.id()));
    private int written;
    private String previous;

    SegmentMerger(List<LiveSegment> inputs, long atSequence, long nowMillis) {
        this.inputs = List.copyOf(inputs);
        this.atSequence = atSequence;
        this.nowMillis = nowMillis;
        this.outputOrdinals = new int[inputs.size()][];
        for (int i = 0; i < inputs.size(); i++) {
            outputOrdinals[i] = new int[inputs.get(i).segment().count()];
            Arrays.fill(outputOrdinals[i], -1);
            advance(i, 0);
        }
    }

    /** Pushes the first surviving record of input {@code i} at or after {@code ordinal}. */
    private void advance(int i, int ordinal) {
        LiveSegment input = inputs.get(i);
        Segment segment = input.segment();
        for (int o = ordinal; o < segment.count(); o++) {
            if (input.isDeleted(o, atSequence)) {
                continue;
            }
            if (segment.hasExpiries() && VectorRecord.isExpired(segment.expiresAt(o), nowMillis)) {
                continue;
            }
            heap.add(new Cursor(i, o, segment.id(o)));
            return;
        }
    }

    @Override
    public boolean hasNext() {
        return !heap.isEmpty();
    }

    @Override
    public VectorRecord next() {
        Cursor cursor = heap.poll();
        if (cursor == null) {
            throw new NoSuchElementException();
        }
        if (cursor.id().equals(previous)) {
            throw new IllegalStateException("id '" + cursor.id() + "' is live in two segments being merged ("
                    + inputs.get(cursor.input()).name() + " and another)");
        }
        previous = cursor.id();
        outputOrdinals[cursor.input()][cursor.ordinal()] = written++;
        advance(cursor.input(), cursor.ordinal() + 1);
        return inputs.get(cursor.input()).segment().record(cursor.ordinal());
    }

    /**
     * Deletions of merged records made while the merge ran now apply to their copies in
     * {@code output}; called with writes held off, so that none lands on an input meanwhile.
     */
    void carryDeletionsTo(LiveSegment output) {
        for (int i = 0; i < inputs.size(); i++) {
            LiveSegment input = inputs.get(i);
            for (int ordinal = 0; ordinal < outputOrdinals[i].length; ordinal++) {
                long deletedAt = input.deletedAt(ordinal);
                int target = outputOrdinals[i][ordinal];
                if (deletedAt != LiveSegment.LIVE && target >= 0) {
                    output.markDeleted(target, deletedAt);
                }
            }
        }
    }
}
