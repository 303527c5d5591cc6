package io.proximadb.index.axis;

/**
 * What AXIS chose for a segment, and why.
 *
 * @param setting   the configuration and the effort searches use when the query names none
 * @param predicted what the planner expected of it; {@code null} when rules chose
 * @param planner   which planner chose: {@code onnx}, or {@code rules} with the reason no model was used
 * @param features  the segment's features it chose on
 */
public record Choice(Setting setting, Prediction predicted, String planner, SegmentFeatures features) {

    /** One line for logs. */
    public String describe() {
        String expected = predicted == null ? "" : String.format(java.util.Locale.ROOT,
                " (expected recall %.3f, %.0f µs/query, %.1f MB)", predicted.recall(), predicted.latencyMicros(),
                predicted.memoryBytes() / 1e6);
        return setting + expected + " by " + planner;
    }
}
