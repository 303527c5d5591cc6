package io.proximadb.spi.segment;

import io.proximadb.spi.record.Value;

/**
 * Statistics of one top-level metadata field in one segment, used to estimate how selective a
 * filter is before searching.
 *
 * @param field            the field's name
 * @param type             the type its values have in this segment
 * @param present          how many records have the field
 * @param min              the smallest value (strings by code point, numbers numerically), or
 *                         {@code null} for types without an order (booleans count as ordered,
 *                         false before true; arrays, objects and mixed fields have none)
 * @param max              the largest value, or {@code null} as for {@code min}
 * @param distinctEstimate an estimate of the number of distinct values (exact for small counts)
 * @param bitmapIndexed    whether {@link Segment#equalTo} answers from a bitmap index for this field
 */
public record FieldStats(String field, FieldType type, int present, Value min, Value max, long distinctEstimate,
                         boolean bitmapIndexed) {
}
