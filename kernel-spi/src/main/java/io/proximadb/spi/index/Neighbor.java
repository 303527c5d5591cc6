package io.proximadb.spi.index;

/**
 * One search result of an index.
 *
 * @param ordinal  the vector's ordinal in the {@link VectorValues} the index was built over
 * @param distance the metric's ranking distance (lower is closer), see {@link io.proximadb.spi.record.Metric}
 */
public record Neighbor(int ordinal, float distance) {
}
