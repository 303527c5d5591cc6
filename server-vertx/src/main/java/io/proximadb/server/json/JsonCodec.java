package io.proximadb.server.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.JsonNode;
import io.proximadb.server.service.ServiceException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Request and response bodies as JSON, strictly: unknown fields, wrong types, trailing data,
 * duplicate keys, NaN and deep nesting are refused with a message that names the field by its
 * path ({@code records[0].vector[2]}). Field names are {@code snake_case}. Shared by the REST
 * adapter (whole bodies) and the gRPC adapter (metadata and filters travel as JSON text there).
 * Thread-safe.
 */
public final class JsonCodec {

    /**
     * Deep enough for any real body (filters and metadata stop at 32 levels in the service), shallow
     * enough that binding cannot overflow a stack.
     */
    static final int MAX_NESTING = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    // Vectors are hundreds of numbers a body: Jackson's bundled FastDoubleParser reads
                    // them several times faster than Float.parseFloat, with the same correctly rounded result.
                    .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                    .build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // "1" is not a number and 1 is not a string: a client that mixes them up hears about it.
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfigDefaults(config -> config
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .build();

    private JsonCodec() {
    }

    /** Reads a whole body ({@code null} when there was none) as {@code type}; call it on a worker. */
    public static <T> T read(Buffer body, Class<T> type) {
        return read(body == null ? new byte[0] : body.getBytes(), type);
    }

    /** Reads a whole body as {@code type}. @throws ServiceException INVALID_ARGUMENT naming the problem */
    public static <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw ServiceException.invalid("the request body is empty; send a JSON object");
        }
        T value;
        try {
            value = MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw problem(e);
        }
        if (value == null) {
            throw ServiceException.invalid("the request body is null; send a JSON object");
        }
        return value;
    }

    /**
     * Reads JSON text held in a field of another message (gRPC's {@code metadata_json},
     * {@code filter_json}) with the same strictness as a body.
     *
     * @throws ServiceException INVALID_ARGUMENT naming {@code field} and the problem
     */
    public static JsonNode readTree(String text, String field) {
        try {
            JsonNode tree = MAPPER.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw ServiceException.invalid(field + " is empty; send a JSON object");
            }
            return tree;
        } catch (IOException e) {
            throw ServiceException.invalid(field + ": " + problem(e).getMessage());
        }
    }

    /** What was wrong with a body, in words; a parser problem found while binding counts as a parser problem. */
    private static ServiceException problem(IOException failure) {
        Throwable cause = failure instanceof JsonMappingException && failure.getCause() instanceof JacksonException inner
                ? inner : failure;
        return switch (cause) {
            case StreamConstraintsException limit -> ServiceException.invalid(
                    limit.getOriginalMessage().contains("nesting depth")
                            ? "the JSON nests deeper than " + MAX_NESTING + " levels"
                            : "the JSON exceeds a parser limit: " + limit.getOriginalMessage());
            case StreamReadException malformed ->
                    ServiceException.invalid("malformed JSON: " + malformed.getOriginalMessage() + location(malformed));
            case UnrecognizedPropertyException unknown -> {
                String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                        .map(String::valueOf).sorted().collect(Collectors.joining(", "));
                yield ServiceException.invalid("unknown field '" + unknown.getPropertyName() + "'" + at(unknown)
                        + (known.isEmpty() ? "" : "; known fields: " + known));
            }
            case JsonMappingException mismatch -> ServiceException.invalid("wrong type" + at(mismatch) + ": expected "
                    + expected(mismatch) + location(mismatch));
            default -> ServiceException.invalid("unreadable request body: " + failure.getMessage());
        };
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a response: " + e.getMessage(), e);
        }
    }

    /** The field's path in the body, such as {@code records[0].vector[2]}. */
    private static String at(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : " at " + path;
    }

    private static String expected(JsonMappingException e) {
        if (!(e instanceof MismatchedInputException mismatch)
                || mismatch.getTargetType() == null) {
            return "another JSON type";
        }
        Class<?> target = mismatch.getTargetType();
        List<JsonMappingException.Reference> path = e.getPath();
        if (target.isArray() && !path.isEmpty() && path.getLast().getIndex() >= 0) {
            target = target.getComponentType(); // the element at that index was wrong, not the array
        }
        if (target == float.class || target == Float.class || target == double.class || target == Double.class) {
            return "a number";
        }
        if (target == int.class || target == Integer.class || target == long.class || target == Long.class) {
            return "an integer";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target.isArray() || Collection.class.isAssignableFrom(target)) {
            return "an array";
        }
        return "an object";
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
