package io.proximadb.storage.segment.viper;

import io.proximadb.spi.record.Value;
import io.proximadb.spi.segment.FieldType;

/**
 * A top-level metadata field as the footer describes it.
 *
 * @param name     the field's name
 * @param type     its column type
 * @param present  how many records have it
 * @param distinct how many distinct values it has (see the format's page for ENCODED fields)
 * @param min      the least value, or {@code null} for ENCODED fields
 * @param max      the greatest value, or {@code null} for ENCODED fields
 */
record FieldInfo(String name, FieldType type, long present, long distinct, Value min, Value max) {
}
