package io.proximadb.bench.axis;

/**
 * AXIS on one held-out data set for one target, against the fixed default configuration.
 *
 * @param chosen         the index AXIS built and how it searches ({@link io.proximadb.index.axis.AxisIndex#describe()})
 * @param axis           the chosen index measured at the chosen effort
 * @param defaultQps     QPS of the default configuration (hnsw m = 16) at AXIS's measured
 *                       recall, interpolated between the two efforts that bracket it; 0 if no ef reaches it
 * @param defaultMemory  the default configuration's bytes beyond the vectors
 */
record HeldOutCase(String dataset, double target, String chosen, SettingFigures axis, double defaultQps,
                   long defaultMemory) {

    boolean met() {
        return axis.recall() >= target;
    }

    /** AXIS's QPS over the default's at the same recall; infinite where the default cannot reach it. */
    double qpsGain() {
        return defaultQps > 0 ? axis.qps() / defaultQps : Double.POSITIVE_INFINITY;
    }

    double memoryRatio() {
        return defaultMemory > 0 ? (double) axis.memoryBytes() / defaultMemory : Double.NaN;
    }
}
