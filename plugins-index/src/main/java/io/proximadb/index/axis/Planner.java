package io.proximadb.index.axis;

/** Chooses the configuration and default effort of one segment's index. Thread-safe. */
interface Planner {

    Choice plan(SegmentFeatures features, AxisParams params);
}
