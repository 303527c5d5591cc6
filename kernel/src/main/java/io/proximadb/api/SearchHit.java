package io.proximadb.api;

import io.proximadb.spi.record.Value;

/**
 * One search result.
 *
 * @param id       the record's id
 * @param score    the metric's score (see {@link io.proximadb.spi.record.Metric} for its direction)
 * @param metadata the record's metadata when the request asked for it, else {@code null}
 * @param vector   the record's vector when the request asked for it, else {@code null}; do not modify
 */
public record SearchHit(String id, float score, Value.Obj metadata, float[] vector) {
}
