package io.proximadb.spi.segment;

/**
 * The type of a metadata column. A field whose values all have one scalar type gets that type's
 * column; arrays, nested objects and fields whose type differs between records are stored whole
 * as {@link #ENCODED} values.
 */
public enum FieldType {
    /** Strings, dictionary-encoded. */
    STRING,
    /** 64-bit integers. */
    INT,
    /** 64-bit finite doubles. */
    REAL,
    BOOL,
    /** Any value, encoded whole (arrays, objects, mixed types). */
    ENCODED
}
