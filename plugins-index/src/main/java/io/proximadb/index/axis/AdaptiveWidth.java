package io.proximadb.index.axis;

import java.util.List;

/**
 * The fixed parts of AXIS's per-query effort on hnsw: when a walk is probed and how wide it may
 * finish. The trace benchmark that trains the per-query model and the index that runs it take them
 * from here.
 */
public final class AdaptiveWidth {

    /**
     * The walk's width before the probe: k itself. The probe comes when that narrow walk ends, so an
     * easy query has spent only what the narrowest search spends, and how long the walk took to
     * settle is itself the best sign of how hard the query is.
     */
    public static int probeWidth(int k) {
        return k;
    }
    /** The widest a query may finish with. */
    public static final int MAX_WIDTH = 512;
    /** The widths a trace tries, smallest first, to find the narrowest that finds all k true neighbours. */
    public static final List<Integer> TRACE_WIDTHS = List.of(10, 12, 16, 20, 24, 32, 40, 48, 64, 96, 128, 192, 256, 384, 512);

    private AdaptiveWidth() {
    }

    /** The probe waits for the narrow walk to end, however many distances that takes. */
    public static final long PROBE_DISTANCES = Long.MAX_VALUE;
}
