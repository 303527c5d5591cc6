package io.proximadb.bench.axis;

/**
 * What one index searched at one effort measured on one data set.
 *
 * @param effort        ef, nprobe, or 0 for flat
 * @param recall        mean recall@k over the queries
 * @param latencyMicros mean single-thread microseconds per query, after a warm-up pass
 * @param buildSeconds  wall seconds of the build, on all build threads
 * @param memoryBytes   the index's bytes beyond the vectors
 */
record SettingFigures(int effort, double recall, double latencyMicros, double buildSeconds, long memoryBytes) {

    double qps() {
        return 1e6 / latencyMicros;
    }
}
