package io.proximadb.server;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's {@code openapi.json}, held against real answers. {@link #check} finds the operation
 * by method and path template, then the response by status, and validates the body (JSON Schema
 * 2020-12, with {@code vertx-json-schema}), its content type and the response's required headers.
 * An answer the document does not describe (no operation, no such status) fails. Requests that
 * match no operation must get the document's {@code x-unrouted-responses}: 404 for an unknown path,
 * 405 for a known path with another method. Thread-safe.
 */
public final class OpenApiContract {

    /** Where the document's schemas live for the validator; it is never fetched. */
    private static final String DOCUMENT_URI = "https://proximadb.io/openapi.json";
    private static final OpenApiContract INSTANCE = load();

    private final JsonObject document;
    private final SchemaRepository schemas;
    private final JsonSchemaOptions options;
    private final Map<String, Validator> validators = new ConcurrentHashMap<>();

    private OpenApiContract(JsonObject document) {
        this.document = document;
        this.options = new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri(DOCUMENT_URI)
                .setOutputFormat(OutputFormat.Basic);
        this.schemas = SchemaRepository.create(options).dereference(DOCUMENT_URI, JsonSchema.of(document.copy())); // it annotates what it is given
    }

    /** The document the server ships, read from the class path as the server reads it. */
    public static OpenApiContract get() {
        return INSTANCE;
    }

    private static OpenApiContract load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("no /openapi.json on the class path");
            }
            return new OpenApiContract(new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonObject document() {
        return document.copy();
    }

    /** The path templates of the document that match {@code rawPath}, literal segments first. */
    /** RFC 3986 dot-segment removal, and empty segments collapsed, as Vert.x Web's router does. */
    static String normalise(String rawPath) {
        java.util.Deque<String> kept = new java.util.ArrayDeque<>();
        for (String segment : rawPath.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(segment);
            }
        }
        String normalised = "/" + String.join("/", kept);
        return rawPath.endsWith("/") && !normalised.equals("/") ? normalised + "/" : normalised;
    }

    List<String> templatesMatching(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        List<String> matching = new ArrayList<>();
        for (String template : document.getJsonObject("paths").fieldNames()) {
            String[] parts = template.split("/", -1);
            if (parts.length != segments.length) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                matches = isParameter(parts[i]) ? !segments[i].isEmpty() : parts[i].equals(segments[i]);
            }
            if (matches) {
                matching.add(template);
            }
        }
        // OpenAPI: a concrete path wins over a templated one; compare segment by segment from the left.
        matching.sort(Comparator.comparing(template -> Arrays.stream(template.split("/"))
                .map(part -> isParameter(part) ? "1" : "0").reduce("", String::concat)));
        return matching;
    }

    private static boolean isParameter(String part) {
        return part.startsWith("{") && part.endsWith("}");
    }

    /**
     * Validates one answer against the document.
     *
     * @param rawPath the request's path as sent (still percent-encoded), without the query
     * @param headers the answer's headers, names in lower case
     * @throws AssertionError naming the request, the status and what the document expected
     */
    public void check(String method, String rawPath, int status, Map<String, List<String>> headers, String body) {
        String what = method + " " + rawPath + " -> " + status;
        String op = method.toLowerCase(Locale.ROOT);
        // The router matches the normalised path ("/v1//x/./y" is "/v1/x/y"), and so does the document.
        rawPath = normalise(rawPath);
        Optional<String> template = templatesMatching(rawPath).stream()
                .filter(candidate -> document.getJsonObject("paths").getJsonObject(candidate).containsKey(op))
                .findFirst();
        String responsePointer;
        if (template.isPresent()) {
            JsonObject responses = document.getJsonObject("paths").getJsonObject(template.get()).getJsonObject(op)
                    .getJsonObject("responses");
            String key = responses.containsKey(Integer.toString(status)) ? Integer.toString(status) : "default";
            if (!responses.containsKey(key)) {
                throw new AssertionError(what + ": openapi.json documents no " + status + " for " + method + " "
                        + template.get() + " (it has " + responses.fieldNames() + "); body: " + body);
            }
            responsePointer = "#/paths/" + escape(template.get()) + "/" + op + "/responses/" + key;
        } else {
            String unrouted = templatesMatching(rawPath).isEmpty() ? "404" : "405";
            // Under /v1, authentication, the rate limit, form refusal and the body limit come before routing.
            boolean beforeRouting = (rawPath.equals("/v1") || rawPath.startsWith("/v1/")) && (status == 401 || status == 413 || status == 415 || status == 429);
            if (beforeRouting) {
                unrouted = Integer.toString(status);
            }
            if (!Integer.toString(status).equals(unrouted)) {
                throw new AssertionError(what + ": openapi.json has no operation " + method + " " + rawPath
                        + ", so the server should have answered " + unrouted + "; body: " + body);
            }
            responsePointer = "#/x-unrouted-responses/" + unrouted;
        }
        JsonObject response = resolve(responsePointer);
        checkHeaders(what, response, headers);
        checkBody(what, response, headers, body);
    }

    private void checkHeaders(String what, JsonObject response, Map<String, List<String>> headers) {
        JsonObject declared = response.getJsonObject("headers", new JsonObject());
        for (String name : declared.fieldNames()) {
            JsonObject header = follow(declared.getJsonObject(name));
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            if (values == null || values.isEmpty()) {
                if (header.getBoolean("required", false)) {
                    throw new AssertionError(what + ": no " + name + " header, which openapi.json requires");
                }
                continue;
            }
            validate(what + ", header " + name, header.getJsonObject("schema"), values.getFirst());
        }
    }

    private void checkBody(String what, JsonObject response, Map<String, List<String>> headers, String body) {
        JsonObject content = response.getJsonObject("content");
        if (content == null) {
            if (!body.isEmpty()) {
                throw new AssertionError(what + ": openapi.json documents no body, but there is one: " + body);
            }
            return;
        }
        List<String> types = headers.getOrDefault("content-type", List.of());
        String type = types.isEmpty() ? null : types.getFirst().split(";")[0].trim();
        if (type == null || !content.containsKey(type)) {
            throw new AssertionError(what + ": Content-Type " + type + ", but openapi.json documents "
                    + content.fieldNames());
        }
        Object json;
        if (type.startsWith("text/") || type.endsWith("+xml")) {
            json = body; // a text body (the metrics, the dashboard's page and files) is validated as one JSON string
        } else {
            try {
                json = Json.decodeValue(body);
            } catch (DecodeException e) {
                throw new AssertionError(what + ": the body is not JSON: " + body, e);
            }
        }
        validate(what, content.getJsonObject(type).getJsonObject("schema"), json);
    }

    private void validate(String what, JsonObject schema, Object value) {
        String ref = schema.getString("$ref");
        if (ref == null || !ref.startsWith("#/components/schemas/") || schema.size() != 1) {
            throw new AssertionError(what + ": openapi.json should name its schema with a single $ref to"
                    + " #/components/schemas, not " + schema.encode());
        }
        Validator validator = validators.computeIfAbsent(ref, key -> schemas.validator(
                JsonSchema.of(new JsonObject().put("$ref", DOCUMENT_URI + key)), options));
        OutputUnit result = validator.validate(value);
        if (!result.getValid()) {
            throw new AssertionError(what + ": does not match " + ref + " in openapi.json: " + describe(result)
                    + "\nvalue: " + Json.encode(value));
        }
    }

    private static String describe(OutputUnit result) {
        if (result.getErrors() == null || result.getErrors().isEmpty()) {
            return result.getError() + " at " + result.getInstanceLocation();
        }
        StringBuilder out = new StringBuilder();
        for (OutputUnit error : result.getErrors()) {
            out.append("\n  ").append(error.getInstanceLocation()).append(": ").append(error.getError())
                    .append(" (").append(error.getKeywordLocation()).append(")");
        }
        return out.toString();
    }

    /** The object at a local {@code #/...} pointer, following a {@code $ref} it holds. */
    JsonObject resolve(String pointer) {
        Object node = document;
        for (String token : pointer.substring(2).split("/")) {
            String key = token.replace("~1", "/").replace("~0", "~");
            if (!(node instanceof JsonObject object) || !object.containsKey(key)) {
                throw new AssertionError("openapi.json has nothing at " + pointer);
            }
            node = object.getValue(key);
        }
        return follow((JsonObject) node);
    }

    private JsonObject follow(JsonObject node) {
        String ref = node.getString("$ref");
        return ref == null ? node : resolve(ref);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
