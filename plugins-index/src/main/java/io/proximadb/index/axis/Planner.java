package io.proximadb.index.axis;

import io.proximadb.spi.index.QueryWorkload;

/** Chooses the configuration and default effort of one segment's index. Thread-safe. */
interface Planner {

    /**
     * @param features the segment's, with the k the target is measured at
     * @param workload the collection's searches so far ({@link QueryWorkload#NONE} before any)
     */
    Choice plan(SegmentFeatures features, AxisParams params, QueryWorkload workload);
}
