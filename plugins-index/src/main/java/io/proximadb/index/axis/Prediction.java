package io.proximadb.index.axis;

/**
 * What a cost model expects of one configuration searched at one effort.
 *
 * @param recall        mean recall at k against exact search, 0 to 1
 * @param latencyMicros mean single-thread microseconds per query
 * @param buildSeconds  seconds to build the index over the segment
 * @param memoryBytes   bytes the index holds beyond the vectors
 */
public record Prediction(double recall, double latencyMicros, double buildSeconds, double memoryBytes) {
}
