package io.proximadb.kernel.filter;

import io.proximadb.spi.record.Value;
import java.util.List;
import java.util.Objects;

/**
 * A metadata predicate, parsed from the JSON filter language by {@link FilterParser}. Immutable
 * and thread-safe.
 *
 * <p>Semantics, which follow MongoDB's so that they surprise nobody:
 * <ul>
 *   <li>A path names a field, dots step into nested objects ({@code "a.b"}).</li>
 *   <li>When the stored value is an array, {@code $eq}, {@code $in} and the comparisons match if
 *       the whole array or any element matches.</li>
 *   <li>{@code $ne} and {@code $nin} are the negations of {@code $eq} and {@code $in}: they match
 *       records where the field is absent.</li>
 *   <li>Numbers compare by value whether integral or not; strings by code point; a comparison
 *       between different types is false.</li>
 * </ul>
 */
public sealed interface Filter {

    boolean matches(Value.Obj metadata);

    /** Matches everything: the empty filter {@code {}}. */
    record All() implements Filter {
        @Override
        public boolean matches(Value.Obj metadata) {
            return true;
        }
    }

    record And(List<Filter> filters) implements Filter {
        public And {
            filters = List.copyOf(filters);
        }

        @Override
        public boolean matches(Value.Obj metadata) {
            for (Filter filter : filters) {
                if (!filter.matches(metadata)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<Filter> filters) implements Filter {
        public Or {
            filters = List.copyOf(filters);
        }

        @Override
        public boolean matches(Value.Obj metadata) {
            for (Filter filter : filters) {
                if (filter.matches(metadata)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Filter filter) implements Filter {
        public Not {
            Objects.requireNonNull(filter, "filter");
        }

        @Override
        public boolean matches(Value.Obj metadata) {
            return !filter.matches(metadata);
        }
    }

    /** {@code $eq $gt $gte $lt $lte}; {@code $ne} is {@code Not(Compare(EQ))}. */
    record Compare(String path, Operator operator, Value operand) implements Filter {
        public Compare {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public boolean matches(Value.Obj metadata) {
            Value stored = metadata.path(path);
            if (stored == null) {
                return false;
            }
            if (operator.test(stored, operand)) {
                return true;
            }
            if (stored instanceof Value.Array array) {
                for (Value element : array.values()) {
                    if (operator.test(element, operand)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** {@code $in}; {@code $nin} is {@code Not(In)}. */
    record In(String path, List<Value> candidates) implements Filter {
        public In {
            Objects.requireNonNull(path, "path");
            candidates = List.copyOf(candidates);
        }

        @Override
        public boolean matches(Value.Obj metadata) {
            Value stored = metadata.path(path);
            if (stored == null) {
                return false;
            }
            for (Value candidate : candidates) {
                if (new Compare(path, Operator.EQ, candidate).matches(metadata)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Exists(String path, boolean expected) implements Filter {
        public Exists {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public boolean matches(Value.Obj metadata) {
            return (metadata.path(path) != null) == expected;
        }
    }
}
