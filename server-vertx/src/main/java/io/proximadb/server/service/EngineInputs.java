package io.proximadb.server.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.SearchRequest;
import io.proximadb.api.WriteBatch;
import io.proximadb.kernel.filter.Filter;
import io.proximadb.kernel.filter.FilterParser;
import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns what adapters received into the engine's values, checking what the engine cannot: missing
 * fields, request sizes, filter depth, option names. What the engine does check (ids, dimensions,
 * NaN, metadata types) it reports itself, before anything is written. Errors name the field by its
 * path in the request ({@code records[3].ttl_seconds}).
 */
final class EngineInputs {

    /** A century: far beyond any cache lifetime, and far from overflowing epoch milliseconds. */
    static final long MAX_TTL_SECONDS = 100L * 365 * 24 * 3600;

    private EngineInputs() {
    }

    static CollectionConfig collectionConfig(NewCollection request) {
        require(request, "request body");
        require(request.name(), "name");
        require(request.dimension(), "dimension");
        require(request.metric(), "metric");
        Metric metric;
        try {
            metric = Metric.fromName(request.metric());
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid("metric: " + e.getMessage());
        }
        Map<String, String> options = request.options() == null ? Map.of() : request.options();
        options.forEach((key, value) -> {
            if (key.isBlank() || value == null) {
                throw ServiceException.invalid("options: every option needs a name and a string value, got '"
                        + key + "' = " + value);
            }
        });
        return new CollectionConfig(request.name(), request.dimension(), metric, request.memtable(), request.wal(),
                request.index(), options);
    }

    static WriteBatch upserts(List<RecordInput> records, ServiceLimits limits) {
        requireSize(records, "records", limits.maxRecordsPerWrite());
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < records.size(); i++) {
            String where = "records[" + i + "]";
            RecordInput input = require(records.get(i), where);
            require(input.id(), where + ".id");
            require(input.vector(), where + ".vector");
            Value.Obj metadata = isAbsent(input.metadata()) ? Value.Obj.EMPTY
                    : MetadataJson.toObject(input.metadata(), where + ".metadata");
            VectorRecord record = new VectorRecord(input.id(), input.vector(), metadata);
            if (input.ttlSeconds() == null) {
                batch.upsert(record);
            } else {
                long ttl = input.ttlSeconds();
                if (ttl < 1 || ttl > MAX_TTL_SECONDS) {
                    throw ServiceException.invalid(where + ".ttl_seconds must be between 1 and " + MAX_TTL_SECONDS
                            + " (omit it for a record that never expires), got " + ttl);
                }
                batch.upsert(record, Duration.ofSeconds(ttl));
            }
        }
        return batch;
    }

    static List<String> ids(List<String> ids, ServiceLimits limits) {
        requireSize(ids, "ids", limits.maxIdsPerDelete());
        for (int i = 0; i < ids.size(); i++) {
            require(ids.get(i), "ids[" + i + "]");
        }
        return ids;
    }

    static SearchRequest searchRequest(SearchQuery query, String where, ServiceLimits limits) {
        require(query, where.isEmpty() ? "request body" : where);
        String prefix = where.isEmpty() ? "" : where + ".";
        require(query.vector(), prefix + "vector");
        SearchRequest request = SearchRequest.of(query.vector(), query.k() == null ? ServiceLimits.DEFAULT_K : query.k());
        if (!isAbsent(query.filter())) {
            request = request.withFilter(filter(query.filter(), limits));
        }
        for (String field : query.include() == null ? List.<String>of() : query.include()) {
            request = switch (field == null ? "" : field) {
                case "metadata" -> request.withMetadata();
                case "vector" -> request.withVector();
                default -> throw ServiceException.invalid(prefix + "include: unknown field '" + field
                        + "'; hits can include: metadata, vector");
            };
        }
        return request.withParams(params(query.params(), prefix + "params"));
    }

    private static Map<String, String> params(Map<String, JsonNode> params, String where) {
        Map<String, String> text = new TreeMap<>();
        if (params != null) {
            params.forEach((name, value) -> {
                if (value == null || !value.isValueNode() || value.isNull()) {
                    throw ServiceException.invalid(where + "." + name + " must be a number, string or boolean");
                }
                text.put(name, value.asText());
            });
        }
        return text;
    }

    /** A filter in the engine's language, refused before parsing when it nests too deep. */
    static Filter filter(JsonNode filter, ServiceLimits limits) {
        int depth = depth(filter);
        if (depth > limits.maxFilterDepth()) {
            throw ServiceException.invalid("filter nests " + depth + " levels deep; the limit is "
                    + limits.maxFilterDepth());
        }
        return FilterParser.parse(filter);
    }

    /** Nesting depth without recursion, so that the check itself cannot overflow the stack. */
    private static int depth(JsonNode root) {
        record Level(JsonNode node, int depth) {
        }
        int deepest = 0;
        Deque<Level> pending = new ArrayDeque<>();
        pending.push(new Level(root, 1));
        while (!pending.isEmpty()) {
            Level level = pending.pop();
            deepest = Math.max(deepest, level.depth());
            if (level.node().isContainerNode()) {
                level.node().forEach(child -> pending.push(new Level(child, level.depth() + 1)));
            }
        }
        return deepest;
    }

    static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    static <T> T require(T value, String field) {
        if (value == null) {
            throw ServiceException.invalid(field + " is required");
        }
        return value;
    }

    private static void requireSize(List<?> list, String field, int max) {
        require(list, field);
        if (list.isEmpty()) {
            throw ServiceException.invalid(field + " must not be empty");
        }
        if (list.size() > max) {
            throw ServiceException.invalid(field + " holds " + list.size() + " entries; the limit is " + max
                    + " per request (split it into several requests)");
        }
    }
}
