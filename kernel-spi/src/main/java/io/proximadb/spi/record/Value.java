package io.proximadb.spi.record;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A metadata value: the JSON subset ProximaDB stores. Strings, 64-bit integers, doubles, booleans,
 * arrays of these, and nested objects (addressed by dotted paths in filters). JSON {@code null} is
 * not a value: a field is either present with a value or absent.
 *
 * <p>All implementations are immutable and safe to share between threads.
 */
public sealed interface Value permits Value.Str, Value.Int, Value.Real, Value.Bool, Value.Array, Value.Obj {

    /** Approximate heap bytes, used by memtables for their flush accounting. */
    long estimatedBytes();

    record Str(String value) implements Value {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public long estimatedBytes() {
            return 40L + value.length();
        }

        @Override
        public String toString() {
            return '"' + value + '"';
        }
    }

    record Int(long value) implements Value {
        @Override
        public long estimatedBytes() {
            return 16;
        }

        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** A finite double; NaN and infinities are not JSON and are rejected. */
    record Real(double value) implements Value {
        public Real {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("metadata number must be finite, got " + value);
            }
        }

        @Override
        public long estimatedBytes() {
            return 16;
        }

        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    record Bool(boolean value) implements Value {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        @Override
        public long estimatedBytes() {
            return 16;
        }

        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    record Array(List<Value> values) implements Value {
        public Array {
            values = List.copyOf(values);
        }

        @Override
        public long estimatedBytes() {
            long bytes = 32L + 8L * values.size();
            for (Value value : values) {
                bytes += value.estimatedBytes();
            }
            return bytes;
        }

        @Override
        public String toString() {
            return values.toString();
        }
    }

    /** An object; its fields iterate in key order so that encodings are deterministic. */
    record Obj(Map<String, Value> fields) implements Value {
        public static final Obj EMPTY = new Obj(Map.of());

        public Obj {
            TreeMap<String, Value> sorted = new TreeMap<>();
            fields.forEach((key, value) -> sorted.put(
                    Objects.requireNonNull(key, "field name"),
                    Objects.requireNonNull(value, () -> "value of field '" + key + "' (null is not a metadata value)")));
            fields = Collections.unmodifiableSortedMap(sorted);
        }

        /** The value at a dotted path ({@code "a.b.c"}), or {@code null} when any step is absent. */
        public Value path(String dottedPath) {
            Value current = this;
            int start = 0;
            while (true) {
                if (!(current instanceof Obj obj)) {
                    return null;
                }
                int dot = dottedPath.indexOf('.', start);
                String key = dot < 0 ? dottedPath.substring(start) : dottedPath.substring(start, dot);
                current = obj.fields.get(key);
                if (current == null || dot < 0) {
                    return current;
                }
                start = dot + 1;
            }
        }

        @Override
        public long estimatedBytes() {
            long bytes = 48L;
            for (Map.Entry<String, Value> field : fields.entrySet()) {
                bytes += 48L + field.getKey().length() + field.getValue().estimatedBytes();
            }
            return bytes;
        }

        @Override
        public String toString() {
            return fields.toString();
        }
    }
}
