package io.proximadb.index.axis;

/**
 * How a built axis index searches when the query names no effort of its own, as calibration left it.
 *
 * @param effort         the fixed effort (ef or nprobe; 0 for flat)
 * @param adaptiveOffset added to the per-query model's log width when searches choose their own
 *                       width ({@link AdaptiveWidth}); {@code NaN} when they use {@code effort}
 * @param measuredRecall the recall measured on the segment's calibration queries (less 1.645
 *                       standard errors) at what searches use; {@code NaN} when not measured
 */
public record Tuning(int effort, double adaptiveOffset, double measuredRecall) {

    static Tuning fixed(int effort) {
        return new Tuning(effort, Double.NaN, Double.NaN);
    }

    /** Whether each query chooses its own width. */
    public boolean adaptive() {
        return !Double.isNaN(adaptiveOffset);
    }
}
