package io.proximadb.index.axis;

import java.util.List;

/** Predicts recall, latency, build time and memory of configurations on a segment. Thread-safe. */
interface CostModel {

    /** One prediction per setting, in the same order. */
    List<Prediction> predict(SegmentFeatures features, List<Setting> settings);

    /**
     * How much predicted recall must exceed the target for a setting to count as meeting it: the
     * model's calibrated margin for its own errors.
     */
    double recallMargin();
}
