package io.proximadb.kernel.filter;

import io.proximadb.spi.record.Ids;
import io.proximadb.spi.record.Value;

/** The comparison operators of the filter language and how each compares two values. */
public enum Operator {
    EQ("$eq"), GT("$gt"), GTE("$gte"), LT("$lt"), LTE("$lte");

    private final String token;

    Operator(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    boolean test(Value stored, Value operand) {
        if (this == EQ) {
            return equal(stored, operand);
        }
        Integer order = compare(stored, operand);
        if (order == null) {
            return false;
        }
        return switch (this) {
            case GT -> order > 0;
            case GTE -> order >= 0;
            case LT -> order < 0;
            case LTE -> order <= 0;
            case EQ -> order == 0;
        };
    }

    static boolean equal(Value a, Value b) {
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b) == 0;
        }
        return a.equals(b);
    }

    /** The order of two values of comparable types, or {@code null} when they are not comparable. */
    private static Integer compare(Value a, Value b) {
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b);
        }
        if (a instanceof Value.Str x && b instanceof Value.Str y) {
            return Ids.compare(x.value(), y.value());
        }
        return null;
    }

    private static boolean isNumber(Value value) {
        return value instanceof Value.Int || value instanceof Value.Real;
    }

    private static int compareNumbers(Value a, Value b) {
        if (a instanceof Value.Int x && b instanceof Value.Int y) {
            return Long.compare(x.value(), y.value());
        }
        return Double.compare(asDouble(a), asDouble(b));
    }

    private static double asDouble(Value value) {
        return value instanceof Value.Int i ? i.value() : ((Value.Real) value).value();
    }
}
