package io.proximadb.index.axis;

import io.proximadb.index.hnsw.WalkProbe;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inputs of AXIS's per-query model: how one query's walk is going at its probe, in ratios of
 * distances so that they mean the same on any data, beside the segment's features and the graph's
 * m. Shared by the index, which fills them for every query, and the trace benchmark, which writes
 * them for training, so the two cannot drift.
 */
public final class ProbeFeatures {

    /** The probe's inputs, in the order {@link #probeInputs} fills them. */
    static final String[] PROBE_NAMES = {"p_log_kth_over_nearest", "p_log_frontier_over_kth", "p_log_kth_over_entry",
            "p_log_computed"};
    /** Bounds a ratio's logarithm: the frontier is infinite when a walk has nothing left to expand. */
    private static final double MAX_LOG = 10;

    private ProbeFeatures() {
    }

    /** The segment's inputs: its features and the graph's m. */
    public static Map<String, Double> segmentInputs(SegmentFeatures features, int m) {
        Map<String, Double> inputs = new LinkedHashMap<>(features.inputs());
        inputs.put("c_log2_m", SegmentFeatures.log2(m));
        return inputs;
    }

    /** All inputs of one query, by name: the segment's, then the probe's. */
    public static Map<String, Double> inputs(SegmentFeatures features, int m, WalkProbe probe) {
        Map<String, Double> inputs = segmentInputs(features, m);
        double[] values = new double[PROBE_NAMES.length];
        probeInputs(probe, values);
        for (int i = 0; i < PROBE_NAMES.length; i++) {
            inputs.put(PROBE_NAMES[i], values[i]);
        }
        return inputs;
    }

    /** Writes the probe's inputs into {@code into}, in {@link #PROBE_NAMES}' order. */
    static void probeInputs(WalkProbe probe, double[] into) {
        // Distances are non-negative for the metrics adaptive search serves (l2, cosine); an
        // epsilon tied to the entry's distance keeps duplicates (distance 0) finite.
        double epsilon = 1e-9 + 1e-6 * Math.abs(probe.entryDistance());
        double nearest = probe.nearest() + epsilon;
        double kth = probe.kth() + epsilon;
        into[0] = logRatio(kth, nearest);
        into[1] = logRatio(probe.frontier() + epsilon, kth);
        into[2] = logRatio(kth, probe.entryDistance() + epsilon);
        into[3] = Math.log(Math.max(1, probe.computed()));
    }

    private static double logRatio(double a, double b) {
        double ratio = Math.log(a / b);
        return Double.isNaN(ratio) ? 0 : Math.max(-MAX_LOG, Math.min(MAX_LOG, ratio));
    }
}
