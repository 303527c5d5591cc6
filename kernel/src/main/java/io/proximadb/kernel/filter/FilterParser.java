package io.proximadb.kernel.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.proximadb.api.ProximaException;
import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.spi.record.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses the JSON filter language:
 * <pre>
 * {"lang": "en"}                                   equality
 * {"price": {"$gte": 10, "$lt": 20}}              operators on one field (all must hold)
 * {"tags": {"$in": ["a", "b"]}, "meta.year": 2024} several fields: all must hold; dots nest
 * {"$or": [{"lang": "en"}, {"$not": {"draft": true}}]}
 * </pre>
 * Operators: {@code $eq $ne $gt $gte $lt $lte $in $nin $exists}, combinators {@code $and $or $not}.
 * Errors name the path and the problem, and list the known operators for an unknown one.
 */
public final class FilterParser {

    static final String KNOWN_OPERATORS = "$eq, $ne, $gt, $gte, $lt, $lte, $in, $nin, $exists, $and, $or, $not";

    private FilterParser() {
    }

    /** Parses filter JSON text. @throws ProximaException.InvalidArgument if it is malformed */
    public static Filter parse(String json) {
        return parse(MetadataJson.parseTree(json, "filter"));
    }

    /** Parses a filter already read as a Jackson tree (the server's request bodies). */
    public static Filter parse(JsonNode node) {
        return parseClause(node, "filter");
    }

    private static Filter parseClause(JsonNode node, String where) {
        if (!node.isObject()) {
            throw invalid(where, "must be a JSON object, got " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        List<Filter> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith("$")) {
                parts.add(parseCombinator(key, value, where));
            } else {
                parts.add(parseField(key, value, where + "." + key));
            }
        }
        if (parts.isEmpty()) {
            return new Filter.All();
        }
        return parts.size() == 1 ? parts.getFirst() : new Filter.And(parts);
    }

    private static Filter parseCombinator(String operator, JsonNode value, String where) {
        String at = where + "." + operator;
        return switch (operator) {
            case "$and", "$or" -> {
                if (!value.isArray() || value.isEmpty()) {
                    throw invalid(at, "must be a non-empty array of filters");
                }
                List<Filter> filters = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    filters.add(parseClause(value.get(i), at + "[" + i + "]"));
                }
                yield operator.equals("$and") ? new Filter.And(filters) : new Filter.Or(filters);
            }
            case "$not" -> new Filter.Not(parseClause(value, at));
            default -> throw invalid(where, "unknown operator '" + operator + "' at the top of a clause; "
                    + "known operators: " + KNOWN_OPERATORS + " (field operators go inside a field: {\"price\": {\"$gt\": 1}})");
        };
    }

    private static Filter parseField(String path, JsonNode value, String where) {
        if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            throw invalid(where, "field path '" + path + "' is malformed");
        }
        if (!value.isObject() || value.isEmpty() || !allKeysAreOperators(value)) {
            if (value.isObject() && anyKeyIsOperator(value)) {
                throw invalid(where, "mixes operators and plain fields; write {\"$eq\": {...}} to match an object");
            }
            return new Filter.Compare(path, Operator.EQ, operand(value, where));
        }
        List<Filter> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> op : value.properties()) {
            parts.add(parseOperator(path, op.getKey(), op.getValue(), where + "." + op.getKey()));
        }
        return parts.size() == 1 ? parts.getFirst() : new Filter.And(parts);
    }

    private static Filter parseOperator(String path, String operator, JsonNode argument, String where) {
        return switch (operator) {
            case "$eq" -> new Filter.Compare(path, Operator.EQ, operand(argument, where));
            case "$ne" -> new Filter.Not(new Filter.Compare(path, Operator.EQ, operand(argument, where)));
            case "$gt" -> new Filter.Compare(path, Operator.GT, ordered(argument, where));
            case "$gte" -> new Filter.Compare(path, Operator.GTE, ordered(argument, where));
            case "$lt" -> new Filter.Compare(path, Operator.LT, ordered(argument, where));
            case "$lte" -> new Filter.Compare(path, Operator.LTE, ordered(argument, where));
            case "$in" -> new Filter.In(path, candidates(argument, where));
            case "$nin" -> new Filter.Not(new Filter.In(path, candidates(argument, where)));
            case "$exists" -> {
                if (!argument.isBoolean()) {
                    throw invalid(where, "takes true or false");
                }
                yield new Filter.Exists(path, argument.booleanValue());
            }
            default -> throw invalid(where, "unknown operator '" + operator + "'; known operators: " + KNOWN_OPERATORS);
        };
    }

    private static Value operand(JsonNode node, String where) {
        return MetadataJson.toValue(node, where, 0);
    }

    private static Value ordered(JsonNode node, String where) {
        if (!node.isNumber() && !node.isTextual()) {
            throw invalid(where, "compares numbers or strings, got " + node);
        }
        return operand(node, where);
    }

    private static List<Value> candidates(JsonNode node, String where) {
        if (!node.isArray()) {
            throw invalid(where, "takes an array of values");
        }
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            values.add(operand(node.get(i), where + "[" + i + "]"));
        }
        return values;
    }

    private static boolean allKeysAreOperators(JsonNode object) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!field.getKey().startsWith("$")) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyKeyIsOperator(JsonNode object) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (field.getKey().startsWith("$")) {
                return true;
            }
        }
        return false;
    }

    private static ProximaException.InvalidArgument invalid(String where, String problem) {
        return new ProximaException.InvalidArgument("invalid filter: " + where + " " + problem);
    }
}
