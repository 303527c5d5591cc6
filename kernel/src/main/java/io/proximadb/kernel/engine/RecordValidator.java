package io.proximadb.kernel.engine;

import io.proximadb.api.ProximaException.InvalidArgument;
import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.record.Ids;
import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.WellFormedText;
import io.proximadb.spi.record.VectorRecord;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Checks input against a collection before anything is logged, so a rejected write changes nothing. */
final class RecordValidator {

    private static final Pattern COLLECTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final int MAX_DIMENSION = 65_536;

    private final CollectionSpec spec;

    RecordValidator(CollectionSpec spec) {
        this.spec = spec;
    }

    static void checkCollectionName(String name) {
        if (name == null || !COLLECTION_NAME.matcher(name).matches()) {
            throw new InvalidArgument("collection name '" + name
                    + "' is invalid: use 1 to 64 letters, digits, '_' or '-'");
        }
    }

    static void checkDimension(int dimension) {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new InvalidArgument("dimension must be between 1 and " + MAX_DIMENSION + ", got " + dimension);
        }
    }

    void checkRecord(VectorRecord record) {
        checkId(record.id());
        checkVector(record.vector(), "vector of record '" + record.id() + "'");
        checkMetadata(record.metadata(), "metadata of record '" + record.id() + "'", 0);
    }

    /** Metadata built in Java skips the JSON parser's checks, so the same limits are enforced here. */
    private static void checkMetadata(Value value, String path, int depth) {
        if (depth > MetadataJson.MAX_DEPTH) {
            throw new InvalidArgument(path + " nests deeper than " + MetadataJson.MAX_DEPTH + " levels");
        }
        switch (value) {
            case Value.Str s -> checkText(s.value(), path);
            case Value.Array a -> {
                for (int i = 0; i < a.values().size(); i++) {
                    checkMetadata(a.values().get(i), path + "[" + i + "]", depth + 1);
                }
            }
            case Value.Obj o -> o.fields().forEach((key, field) -> {
                checkText(key, path);
                if (key.isEmpty() || key.contains(".")) {
                    throw new InvalidArgument("field name '" + key + "' in " + path
                            + " is not allowed: names must be non-empty and contain no '.' (dots address nested fields)");
                }
                checkMetadata(field, path + "." + key, depth + 1);
            });
            default -> {
                // Numbers and booleans are valid by construction.
            }
        }
    }

    private static void checkText(String text, String path) {
        int bad = WellFormedText.firstUnpairedSurrogate(text);
        if (bad >= 0) {
            throw new InvalidArgument(path + " has a string with an unpaired surrogate at index " + bad
                    + "; it cannot be stored as UTF-8");
        }
    }

    static void checkId(String id) {
        if (id == null || id.isEmpty()) {
            throw new InvalidArgument("record id must not be empty");
        }
        int bad = WellFormedText.firstUnpairedSurrogate(id);
        if (bad >= 0) {
            throw new InvalidArgument("record id '" + id + "' contains an unpaired surrogate at index " + bad);
        }
        int bytes = id.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > Ids.MAX_ID_BYTES) {
            throw new InvalidArgument("record id is " + bytes + " bytes of UTF-8; the limit is " + Ids.MAX_ID_BYTES
                    + " (id starts '" + id.substring(0, 32) + "...')");
        }
    }

    /** Checks a vector's dimension and values; {@code what} names it in the error. */
    void checkVector(float[] vector, String what) {
        if (vector.length != spec.dimension()) {
            throw new InvalidArgument(what + " has dimension " + vector.length + ", collection '" + spec.name()
                    + "' expects " + spec.dimension());
        }
        boolean allZero = true;
        for (int i = 0; i < vector.length; i++) {
            float value = vector[i];
            if (Float.isNaN(value)) {
                throw new InvalidArgument(what + " has NaN at index " + i);
            }
            if (Float.isInfinite(value)) {
                throw new InvalidArgument(what + " has an infinite value at index " + i);
            }
            allZero &= value == 0f;
        }
        if (allZero && spec.metric() == Metric.COSINE) {
            throw new InvalidArgument(what + " is all zeros, which has no direction: cosine similarity is undefined for it");
        }
    }
}
