package io.proximadb.index.axis;

import java.util.List;

/** Predicts recall, latency, build time and memory of configurations on a segment. Thread-safe. */
interface CostModel {

    /** One prediction per setting, in the same order. */
    List<Prediction> predict(SegmentFeatures features, List<Setting> settings);

    /**
     * How far, in logits ({@code ln(r / (1 - r))}), a setting's predicted recall must exceed the
     * target for it to count as meeting it: the model's margin for its own errors, calibrated on
     * data sets it was not trained on. Logits, because recall near 1 is where errors matter and
     * differences there are small.
     */
    double recallMarginLogit();
}
