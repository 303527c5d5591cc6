package io.proximadb.storage.segment.viper;

import io.proximadb.spi.record.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code value} encoding of ENCODED columns and of footer statistics, the same tags as the
 * bincode WAL: {@code 01} string, {@code 02} zigzag integer, {@code 03} f64, {@code 04}/{@code 05}
 * false/true, {@code 06} array, {@code 07} object. Stateless.
 */
final class ValueCodec {

    static final int STRING = 1;
    static final int INT = 2;
    static final int REAL = 3;
    static final int FALSE = 4;
    static final int TRUE = 5;
    static final int ARRAY = 6;
    static final int OBJECT = 7;

    private ValueCodec() {
    }

    /**
     * Checks that a value can be written: well-formed strings and keys, nesting within
     * {@link Layout#MAX_DEPTH}.
     *
     * @throws IllegalArgumentException naming the path of the offending part
     */
    static void validate(Value value, String path, int depth) {
        switch (value) {
            case Value.Str s -> Utf8.requireWellFormed(s.value(), () -> "metadata string at " + path);
            case Value.Array a -> {
                requireDepth(path, depth);
                for (int i = 0; i < a.values().size(); i++) {
                    validate(a.values().get(i), path + "[" + i + "]", depth + 1);
                }
            }
            case Value.Obj o -> {
                requireDepth(path, depth);
                for (Map.Entry<String, Value> field : o.fields().entrySet()) {
                    Utf8.requireWellFormed(field.getKey(), () -> "metadata key at " + path);
                    validate(field.getValue(), path + "." + field.getKey(), depth + 1);
                }
            }
            case Value.Int ignored -> { }
            case Value.Real ignored -> { }
            case Value.Bool ignored -> { }
        }
    }

    private static void requireDepth(String path, int depth) {
        if (depth > Layout.MAX_DEPTH) {
            throw new IllegalArgumentException("metadata at " + path + " nests deeper than " + Layout.MAX_DEPTH + " levels");
        }
    }

    /** Encodes a value that {@link #validate} accepted. */
    static void encode(Value value, ByteSink out) {
        switch (value) {
            case Value.Str s -> {
                out.putByte(STRING);
                out.putString(s.value().getBytes(StandardCharsets.UTF_8));
            }
            case Value.Int i -> {
                out.putByte(INT);
                out.putVarLong((i.value() << 1) ^ (i.value() >> 63));
            }
            case Value.Real r -> {
                out.putByte(REAL);
                out.putDouble(r.value());
            }
            case Value.Bool b -> out.putByte(b.value() ? TRUE : FALSE);
            case Value.Array a -> {
                out.putByte(ARRAY);
                out.putVarLong(a.values().size());
                for (Value element : a.values()) {
                    encode(element, out);
                }
            }
            case Value.Obj o -> {
                out.putByte(OBJECT);
                out.putVarLong(o.fields().size());
                for (Map.Entry<String, Value> field : o.fields().entrySet()) {
                    out.putString(field.getKey().getBytes(StandardCharsets.UTF_8));
                    encode(field.getValue(), out);
                }
            }
        }
    }

    static Value decode(ByteReader in) {
        return decode(in, 1);
    }

    private static Value decode(ByteReader in, int depth) {
        int tag = in.u8();
        return switch (tag) {
            case STRING -> new Value.Str(in.string());
            case INT -> {
                long zigzag = in.uvarint();
                yield new Value.Int((zigzag >>> 1) ^ -(zigzag & 1));
            }
            case REAL -> {
                double real = in.f64();
                if (!Double.isFinite(real)) {
                    throw in.corrupt("real value " + real + " is not finite");
                }
                yield new Value.Real(real);
            }
            case FALSE -> Value.Bool.FALSE;
            case TRUE -> Value.Bool.TRUE;
            case ARRAY -> {
                checkDepth(in, depth);
                int count = in.uint31();
                in.require(count);
                List<Value> values = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    values.add(decode(in, depth + 1));
                }
                yield new Value.Array(values);
            }
            case OBJECT -> {
                checkDepth(in, depth);
                int count = in.uint31();
                in.require(2L * count);
                Map<String, Value> fields = HashMap.newHashMap(count);
                for (int i = 0; i < count; i++) {
                    String key = in.string();
                    if (fields.put(key, decode(in, depth + 1)) != null) {
                        throw in.corrupt("duplicate object key '" + key + "'");
                    }
                }
                yield new Value.Obj(fields);
            }
            default -> throw in.corrupt("unknown value tag " + tag);
        };
    }

    private static void checkDepth(ByteReader in, int depth) {
        if (depth > Layout.MAX_DEPTH) {
            throw in.corrupt("value nests deeper than " + Layout.MAX_DEPTH + " levels");
        }
    }
}
