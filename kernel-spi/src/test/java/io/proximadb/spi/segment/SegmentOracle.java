package io.proximadb.spi.segment;

import io.proximadb.spi.record.Ids;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a segment's answers must be, computed record by record with the engine's filter
 * semantics: two integers compare as {@code long}s, any other pair of numbers as {@code double}s
 * under {@link Double#compare} (so {@code 3} equals {@code 3.0} and {@code -0.0} is below
 * {@code 0.0}), strings by code point, and an array matches when one of its elements does.
 */
final class SegmentOracle {

    private SegmentOracle() {
    }

    static boolean isNumber(Value value) {
        return value instanceof Value.Int || value instanceof Value.Real;
    }

    static boolean equal(Value a, Value b) {
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b) == 0;
        }
        return a.equals(b);
    }

    static int compareNumbers(Value a, Value b) {
        if (a instanceof Value.Int x && b instanceof Value.Int y) {
            return Long.compare(x.value(), y.value());
        }
        return Double.compare(asDouble(a), asDouble(b));
    }

    private static double asDouble(Value value) {
        return value instanceof Value.Int i ? i.value() : ((Value.Real) value).value();
    }

    static BitSet equalTo(List<VectorRecord> records, String field, Value value) {
        BitSet expected = new BitSet();
        for (int ordinal = 0; ordinal < records.size(); ordinal++) {
            Value stored = records.get(ordinal).metadata().fields().get(field);
            if (stored != null && (equal(stored, value)
                    || (stored instanceof Value.Array array && array.values().stream().anyMatch(e -> equal(e, value))))) {
                expected.set(ordinal);
            }
        }
        return expected;
    }

    static BitSet range(List<VectorRecord> records, String field, Value lower, boolean lowerInclusive,
                        Value upper, boolean upperInclusive) {
        BitSet expected = new BitSet();
        for (int ordinal = 0; ordinal < records.size(); ordinal++) {
            Value stored = records.get(ordinal).metadata().fields().get(field);
            if (stored == null) {
                continue;
            }
            List<Value> candidates = stored instanceof Value.Array array ? array.values() : List.of(stored);
            for (Value candidate : candidates) {
                if (isNumber(candidate) && within(candidate, lower, lowerInclusive, upper, upperInclusive)) {
                    expected.set(ordinal);
                    break;
                }
            }
        }
        return expected;
    }

    private static boolean within(Value number, Value lower, boolean lowerInclusive, Value upper, boolean upperInclusive) {
        if (lower != null) {
            int order = compareNumbers(number, lower);
            if (order < 0 || (order == 0 && !lowerInclusive)) {
                return false;
            }
        }
        if (upper != null) {
            int order = compareNumbers(number, upper);
            return order < 0 || (order == 0 && upperInclusive);
        }
        return true;
    }

    /** The statistics each field must have, by name; the distinct count is exact. */
    static Map<String, FieldStats> stats(List<VectorRecord> records) {
        Map<String, List<Value>> byField = new TreeMap<>();
        for (VectorRecord record : records) {
            record.metadata().fields().forEach((name, value) ->
                    byField.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
        }
        Map<String, FieldStats> stats = new TreeMap<>();
        byField.forEach((name, values) -> {
            FieldType type = type(values);
            Comparator<Value> order = order(type);
            Value min = order == null ? null : values.stream().min(order).orElseThrow();
            Value max = order == null ? null : values.stream().max(order).orElseThrow();
            Set<Value> distinct = new HashSet<>(values);
            stats.put(name, new FieldStats(name, type, values.size(), min, max, distinct.size(), false));
        });
        return stats;
    }

    /** The column type of a field whose values are {@code values} (see {@link FieldType}). */
    static FieldType type(List<Value> values) {
        Set<Class<?>> classes = new HashSet<>();
        values.forEach(v -> classes.add(v.getClass()));
        if (classes.size() != 1) {
            return FieldType.ENCODED;
        }
        Class<?> only = classes.iterator().next();
        if (only == Value.Str.class) {
            return FieldType.STRING;
        } else if (only == Value.Int.class) {
            return FieldType.INT;
        } else if (only == Value.Real.class) {
            return FieldType.REAL;
        } else if (only == Value.Bool.class) {
            return FieldType.BOOL;
        }
        return FieldType.ENCODED;
    }

    private static Comparator<Value> order(FieldType type) {
        return switch (type) {
            case STRING -> Comparator.comparing(v -> ((Value.Str) v).value(), Ids.ORDER);
            case INT, REAL -> SegmentOracle::compareNumbers;
            case BOOL -> Comparator.comparing(v -> ((Value.Bool) v).value());
            case ENCODED -> null;
        };
    }
}
