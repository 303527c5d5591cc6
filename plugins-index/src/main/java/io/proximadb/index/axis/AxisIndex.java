package io.proximadb.index.axis;

import io.proximadb.index.hnsw.AdaptiveSearch;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * An {@code axis} index: the index AXIS chose for the segment, searched as calibration left it
 * ({@link Tuning}) unless the query names its own effort ({@code ef} for hnsw, {@code nprobe} for
 * ivf): at a fixed effort, or, on hnsw, with each unfiltered query choosing its own width through
 * the per-query model. Every other per-query parameter goes to the chosen index as it is.
 * Persisted as the choice's header followed by the chosen index's own bytes.
 */
public final class AxisIndex implements VectorIndex {

    /** The per-query parameter that scales the per-query model's width by {@code e^offset} (docs/axis.md). */
    public static final String ADAPTIVE_OFFSET = "adaptive_offset";

    private final VectorIndex chosen;
    private final Choice choice;
    private final Tuning tuning;
    private final AxisFormat.Header header;
    private final boolean chosenPersists;
    /** The per-query model bound to this segment, when searches choose their own width. */
    private final QueryModel.Bound adaptive;

    AxisIndex(VectorIndex chosen, Choice choice, Tuning tuning, AxisFormat.Header header, boolean chosenPersists,
              QueryModel.Bound adaptive) {
        this.chosen = chosen;
        this.choice = choice;
        this.tuning = tuning;
        this.header = header;
        this.chosenPersists = chosenPersists;
        this.adaptive = adaptive;
    }

    /** What was chosen for this segment, and by which planner. */
    public Choice choice() {
        return choice;
    }

    /** How searches run when the query names no effort. */
    public Tuning tuning() {
        return tuning;
    }

    /** The index and how it searches, in a few words: {@code hnsw-m16 ef=24}, {@code hnsw-m32 per-query widths}. */
    public String describe() {
        Candidate candidate = choice.setting().candidate();
        if (candidate.knob() == null) {
            return candidate.toString();
        }
        return candidate + (tuning.adaptive() ? " per-query widths" : " " + candidate.knob() + "=" + tuning.effort());
    }

    @Override
    public List<Neighbor> search(float[] query, int k, IntPredicate accept, Map<String, String> params) {
        String offset = params.get(ADAPTIVE_OFFSET);
        if (offset != null) {
            return searchAdaptive(query, k, accept, params, offset);
        }
        String knob = choice.setting().candidate().knob();
        if (knob == null || params.containsKey(knob)) {
            return chosen.search(query, k, accept, params);
        }
        if (tuning.adaptive() && adaptive != null && accept == null && params.isEmpty()) {
            return adaptive.search((AdaptiveSearch) chosen, query, k, tuning.adaptiveOffset(), -1);
        }
        Map<String, String> withEffort = new HashMap<>(params);
        withEffort.put(knob, Integer.toString(Math.max(tuning.effort(), knob.equals("ef") ? k : 1)));
        return chosen.search(query, k, accept, withEffort);
    }

    /** A search with the per-query width scaled by {@code e^offset}, as the query asked. */
    private List<Neighbor> searchAdaptive(float[] query, int k, IntPredicate accept, Map<String, String> params,
                                          String offset) {
        if (adaptive == null) {
            throw new IllegalArgumentException("axis search parameter '" + ADAPTIVE_OFFSET + "' applies where the segment's"
                    + " hnsw walk has the per-query model; this segment is searched with " + choice.setting().candidate());
        }
        if (accept != null || params.size() > 1) {
            throw new IllegalArgumentException("axis search parameter '" + ADAPTIVE_OFFSET + "' takes no filter and no other"
                    + " parameter, got " + params.keySet() + (accept != null ? " and a filter" : ""));
        }
        double value;
        try {
            value = Double.parseDouble(offset.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("axis search parameter '" + ADAPTIVE_OFFSET + "' must be a number, got '"
                    + offset + "'", e);
        }
        if (!(Math.abs(value) <= 10)) {
            throw new IllegalArgumentException("axis search parameter '" + ADAPTIVE_OFFSET + "' must be within [-10, 10], got "
                    + offset);
        }
        return adaptive.search((AdaptiveSearch) chosen, query, k, value, -1);
    }

    @Override
    public long writeTo(WritableByteChannel out) throws IOException {
        ByteBuffer bytes = AxisFormat.encode(header);
        long written = bytes.remaining();
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
        // flat keeps nothing but the vectors: it is built again on load, at no cost worth storing.
        return chosenPersists ? written + chosen.writeTo(out) : written;
    }

    @Override
    public long memoryBytes() {
        return chosen.memoryBytes();
    }

    @Override
    public void close() {
        chosen.close();
        if (adaptive != null) {
            adaptive.close();
        }
    }
}
