package io.proximadb.kernel.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proximadb.api.ProximaException;
import io.proximadb.spi.record.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between JSON text or Jackson trees and metadata {@link Value}s. The one place where the
 * JSON subset ProximaDB stores is decided: objects, arrays, strings, booleans, integers that fit a
 * long, finite doubles; no nulls. Thread-safe.
 */
public final class MetadataJson {

    /** Nesting deeper than this is refused, so that hostile input cannot exhaust the stack. */
    public static final int MAX_DEPTH = 32;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MetadataJson() {
    }

    /** Parses a JSON object into metadata. @throws ProximaException.InvalidArgument naming the problem */
    public static Value.Obj parseObject(String json) {
        return toObject(parseTree(json, "metadata"), "metadata");
    }

    /** Parses JSON text into a tree; {@code what} names the input in the error. */
    public static JsonNode parseTree(String json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new ProximaException.InvalidArgument(what + " is empty; expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ProximaException.InvalidArgument("malformed JSON in " + what + ": " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
    }

    /** A JSON object node as metadata. */
    public static Value.Obj toObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new ProximaException.InvalidArgument(path + " must be a JSON object, got " + describe(node));
        }
        return (Value.Obj) toValue(node, path, 0);
    }

    /** Any supported JSON node as a value; {@code path} names it in errors. */
    public static Value toValue(JsonNode node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ProximaException.InvalidArgument(path + " nests deeper than " + MAX_DEPTH + " levels");
        }
        return switch (node.getNodeType()) {
            case STRING -> new Value.Str(node.textValue());
            case BOOLEAN -> node.booleanValue() ? Value.Bool.TRUE : Value.Bool.FALSE;
            case NUMBER -> number(node, path);
            case ARRAY -> {
                List<Value> values = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    values.add(toValue(node.get(i), path + "[" + i + "]", depth + 1));
                }
                yield new Value.Array(values);
            }
            case OBJECT -> {
                Map<String, Value> fields = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (field.getKey().isEmpty() || field.getKey().contains(".")) {
                        throw new ProximaException.InvalidArgument("field name '" + field.getKey() + "' in " + path
                                + " is not allowed: names must be non-empty and contain no '.' (dots address nested fields)");
                    }
                    fields.put(field.getKey(), toValue(field.getValue(), path + "." + field.getKey(), depth + 1));
                }
                yield new Value.Obj(fields);
            }
            case NULL -> throw new ProximaException.InvalidArgument(path
                    + " is null; metadata values are strings, numbers, booleans, arrays or objects (omit the field instead)");
            default -> throw new ProximaException.InvalidArgument(path + " has unsupported JSON type " + node.getNodeType());
        };
    }

    private static Value number(JsonNode node, String path) {
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new ProximaException.InvalidArgument(path + " = " + node + " does not fit a 64-bit integer");
            }
            return new Value.Int(node.longValue());
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new ProximaException.InvalidArgument(path + " = " + node + " is not a finite number");
        }
        return new Value.Real(value);
    }

    /** Metadata as a Jackson tree, for responses. */
    public static JsonNode toJson(Value value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (value) {
            case Value.Str s -> nodes.textNode(s.value());
            case Value.Int i -> nodes.numberNode(i.value());
            case Value.Real r -> nodes.numberNode(r.value());
            case Value.Bool b -> nodes.booleanNode(b.value());
            case Value.Array a -> {
                ArrayNode array = nodes.arrayNode();
                a.values().forEach(v -> array.add(toJson(v)));
                yield array;
            }
            case Value.Obj o -> {
                ObjectNode object = nodes.objectNode();
                o.fields().forEach((k, v) -> object.set(k, toJson(v)));
                yield object;
            }
        };
    }

    /** Metadata as compact JSON text. */
    public static String toJsonText(Value value) {
        return toJson(value).toString();
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
