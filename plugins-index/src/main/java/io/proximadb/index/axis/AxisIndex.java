package io.proximadb.index.axis;

import io.proximadb.index.hnsw.AdaptiveSearch;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.ParamNames;
import io.proximadb.spi.index.VectorIndex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * An {@code axis} index: the index AXIS chose for the segment, searched as calibration left it
 * ({@link Tuning}) unless the query names its own effort ({@code ef} for hnsw, {@code nprobe} for
 * ivf): at a fixed effort, or, on hnsw, with each unfiltered query choosing its own width through
 * the per-query model ({@code adaptive_offset} asks for that at a scale of the query's choosing).
 * The segments of one collection may hold different indexes, so a parameter that is not this
 * index's own is checked and then left aside, not refused.
 * Persisted as the choice's header followed by the chosen index's own bytes.
 */
public final class AxisIndex implements VectorIndex {

    /** The per-query parameter that scales the per-query model's width by {@code e^offset} (docs/axis.md). */
    public static final String ADAPTIVE_OFFSET = "adaptive_offset";
    static final String RERANK = "rerank";
    /** What a query may pass: the efforts of every index AXIS may choose, and the per-query width's scale. */
    static final ParamNames SEARCH = new ParamNames("axis", "search", "ef", "nprobe", RERANK, ADAPTIVE_OFFSET);

    private final VectorIndex chosen;
    private final Choice choice;
    private final Tuning tuning;
    private final AxisFormat.Header header;
    private final boolean chosenPersists;
    /** The per-query model bound to this segment, when searches choose their own width. */
    private final QueryModel.Bound adaptive;
    /** What the chosen index is searched with when the query names nothing: its settled effort. */
    private final Map<String, String> settled;

    AxisIndex(VectorIndex chosen, Choice choice, Tuning tuning, AxisFormat.Header header, boolean chosenPersists,
              QueryModel.Bound adaptive) {
        this.chosen = chosen;
        this.choice = choice;
        this.tuning = tuning;
        this.header = header;
        this.chosenPersists = chosenPersists;
        this.adaptive = adaptive;
        String knob = choice.setting().candidate().knob();
        this.settled = knob == null ? Map.of() : Map.of(knob, Integer.toString(tuning.effort()));
    }

    /** What was chosen for this segment, and by which planner. */
    public Choice choice() {
        return choice;
    }

    /** Whether unfiltered searches can choose their width with the per-query model here. */
    public boolean perQueryWidths() {
        return adaptive != null;
    }

    /**
     * The chosen graph's walk with a width chosen per query, where the chosen index has one (a float32
     * hnsw): for measuring what per-query widths could gain on it at most.
     */
    public Optional<AdaptiveSearch> adaptiveWalk() {
        return chosen instanceof AdaptiveSearch walk && walk.adaptive() ? Optional.of(walk) : Optional.empty();
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
        SEARCH.check(params);
        Candidate candidate = choice.setting().candidate();
        String knob = candidate.knob();
        Double offset = params.containsKey(ADAPTIVE_OFFSET) ? offset(params.get(ADAPTIVE_OFFSET)) : null;
        boolean effortGiven = knob != null && params.containsKey(knob);
        if (adaptive != null && accept == null && !effortGiven && (offset != null || tuning.adaptive())) {
            return adaptive.search((AdaptiveSearch) chosen, query, k, offset != null ? offset : tuning.adaptiveOffset(), -1);
        }
        if (params.isEmpty() && (knob == null || !knob.equals("ef") || tuning.effort() >= k)) {
            return chosen.search(query, k, accept, settled);
        }
        // A collection's segments may hold different indexes: each takes the parameters that are its
        // own (ef for hnsw, nprobe for ivf, rerank where there are codes) and leaves the others.
        Map<String, String> own = new HashMap<>();
        if (knob != null) {
            int effort = effortGiven ? positive(knob, params.get(knob)) : Math.max(tuning.effort(), knob.equals("ef") ? k : 1);
            own.put(knob, Integer.toString(effort));
        }
        for (String other : List.of("ef", "nprobe")) {
            if (!other.equals(knob) && params.containsKey(other)) {
                positive(other, params.get(other));
            }
        }
        if (params.containsKey(RERANK)) {
            int rerank = positive(RERANK, params.get(RERANK));
            if (!candidate.quantizer().equals(Candidate.NONE)) {
                own.put(RERANK, Integer.toString(rerank));
            }
        }
        return chosen.search(query, k, accept, own);
    }

    private static double offset(String value) {
        try {
            double offset = Double.parseDouble(value.strip());
            if (Math.abs(offset) <= 10) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // refused below, with the values out of range
        }
        throw new IllegalArgumentException("axis search parameter '" + ADAPTIVE_OFFSET + "' must be a number within"
                + " [-10, 10], got '" + value + "'");
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below, with the values out of range
        }
        throw new IllegalArgumentException("axis search parameter '" + name + "' must be a whole number of at least 1,"
                + " got '" + value + "'");
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
