package io.proximadb.kernel.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.spi.record.Value;

/**
 * Renders a {@link Filter} back into the JSON filter language, so that a filter built or parsed in
 * one process can be sent to a server, which parses it with {@link FilterParser}. The output parses
 * back to an equal filter ({@code FilterParser.parse(FilterJson.toJson(f)).equals(f)}), except for
 * an {@code And} or {@code Or} with no clauses, which the parser never builds: see {@link #toNode}.
 */
public final class FilterJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FilterJson() {
    }

    /** The filter as compact JSON text. */
    public static String toJson(Filter filter) {
        return toNode(filter).toString();
    }

    /**
     * The filter as a Jackson tree. Every clause is written in its explicit form ({@code {"a": {"$eq": 1}}},
     * {@code {"$and": [...]}}) so that the parser rebuilds exactly the same tree. An empty {@code And}
     * matches everything and is written {@code {}}; an empty {@code Or} matches nothing and is written
     * {@code {"$not": {}}}.
     */
    public static JsonNode toNode(Filter filter) {
        ObjectNode node = NODES.objectNode();
        switch (filter) {
            case Filter.All all -> { }
            case Filter.And and when and.filters().isEmpty() -> { }
            case Filter.Or or when or.filters().isEmpty() -> node.set("$not", NODES.objectNode());
            case Filter.And and -> node.set("$and", clauses(and.filters()));
            case Filter.Or or -> node.set("$or", clauses(or.filters()));
            case Filter.Not not -> node.set("$not", toNode(not.filter()));
            case Filter.Compare compare -> node.set(path(compare.path()),
                    NODES.objectNode().set(compare.operator().token(), MetadataJson.toJson(compare.operand())));
            case Filter.In in -> {
                ArrayNode candidates = NODES.arrayNode();
                for (Value candidate : in.candidates()) {
                    candidates.add(MetadataJson.toJson(candidate));
                }
                node.set(path(in.path()), NODES.objectNode().set("$in", candidates));
            }
            case Filter.Exists exists -> node.set(path(exists.path()),
                    NODES.objectNode().put("$exists", exists.expected()));
        }
        return node;
    }

    private static ArrayNode clauses(java.util.List<Filter> filters) {
        ArrayNode array = NODES.arrayNode();
        for (Filter filter : filters) {
            array.add(toNode(filter));
        }
        return array;
    }

    // A path the parser would read as an operator or reject cannot be written: say so rather than
    // send a filter that means something else.
    private static String path(String path) {
        if (path.isEmpty() || path.startsWith("$") || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            throw new IllegalArgumentException("filter path '" + path + "' cannot be written in the JSON filter language");
        }
        return path;
    }
}
