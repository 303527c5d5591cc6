package io.proximadb.storage.segment.viper;

import io.proximadb.spi.record.Value;
import java.lang.foreign.MemorySegment;

/**
 * A sorted array of numeric keys in place, {@code i64} or {@code f64}, searched under the
 * engine's comparison of numbers: two integers as {@code long}s, otherwise both as
 * {@code double} under {@link Double#compare}. Converting a sorted {@code long} array to
 * {@code double} keeps it sorted (with ties), so every query is two binary searches. Immutable
 * and thread-safe.
 */
final class NumericKeys {

    private final MemorySegment keys;
    private final boolean real;
    private final long count;

    NumericKeys(MemorySegment keys, boolean real) {
        this.keys = keys;
        this.real = real;
        this.count = keys.byteSize() / Long.BYTES;
    }

    long count() {
        return count;
    }

    Value key(long index) {
        long raw = keys.get(Layout.LONG, index * Long.BYTES);
        return real ? new Value.Real(Double.longBitsToDouble(raw)) : new Value.Int(raw);
    }

    /** How key {@code index} compares with a number. */
    private int compare(long index, Value number) {
        long raw = keys.get(Layout.LONG, index * Long.BYTES);
        if (!real && number instanceof Value.Int i) {
            return Long.compare(raw, i.value());
        }
        double key = real ? Double.longBitsToDouble(raw) : (double) raw;
        return Double.compare(key, asDouble(number));
    }

    static double asDouble(Value number) {
        return number instanceof Value.Int i ? (double) i.value() : ((Value.Real) number).value();
    }

    static boolean isNumber(Value value) {
        return value instanceof Value.Int || value instanceof Value.Real;
    }

    /** The first index whose key is above {@code number} ({@code strictly}) or at least it. */
    private long first(Value number, boolean strictly) {
        long low = 0;
        long high = count;
        while (low < high) {
            long mid = (low + high) >>> 1;
            int order = compare(mid, number);
            if (order > 0 || (!strictly && order == 0)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /**
     * The index range {@code [from, to)} of the keys between the bounds, as two longs
     * {@code {from, to}} with {@code from <= to}; a {@code null} bound is open.
     */
    long[] range(Value lower, boolean lowerInclusive, Value upper, boolean upperInclusive) {
        long from = lower == null ? 0 : first(lower, !lowerInclusive);
        long to = upper == null ? count : first(upper, upperInclusive);
        return new long[] {from, Math.max(from, to)};
    }

    /** The index range of the keys equal to {@code number}. */
    long[] equal(Value number) {
        return range(number, true, number, true);
    }
}
