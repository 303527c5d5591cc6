package io.proximadb.index.axis;

import java.util.List;

/**
 * The fixed parts of AXIS's per-query effort on hnsw: when a walk is probed and how wide it may
 * finish. The trace benchmark that trains the per-query model and the index that runs it take them
 * from here.
 */
public final class AdaptiveWidth {

    /** The walk's width before the probe: wide enough that no width chosen later lacks candidates. */
    public static final int PROBE_WIDTH = 128;
    /** The widest a query may finish with. */
    public static final int MAX_WIDTH = 512;
    /** The widths a trace tries, smallest first, to find the narrowest that finds all k true neighbours. */
    public static final List<Integer> TRACE_WIDTHS = List.of(10, 12, 16, 20, 24, 32, 40, 48, 64, 96, 128, 192, 256, 384, 512);

    private AdaptiveWidth() {
    }

    /** Distances computed before the probe: four times a layer-0 list (2m), a few expanded nodes. */
    public static long probeDistances(int m) {
        return 8L * m;
    }
}
