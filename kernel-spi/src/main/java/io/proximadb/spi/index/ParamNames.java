package io.proximadb.spi.index;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The parameters one index takes for one purpose (building, or searching), and how it reads them
 * from the string map a collection's configuration or a query hands it: a name it does not know is
 * refused, since a misspelt {@code ef_search} that fell back to the default would go unnoticed; a
 * whole number is parsed within its range. Every error names the index, the parameter, the value
 * and what is allowed, in the same words for every index plugin, ours or not. Immutable.
 */
public final class ParamNames {

    private final String index;
    private final String kind;
    private final String[] names;
    private final Set<String> nameSet;
    /** The names sorted, for messages. */
    private final String listed;

    /**
     * @param index the index plugin, as messages name it ({@code hnsw})
     * @param kind  what the parameters are for, as messages name it ({@code search})
     * @param names every parameter name it takes
     */
    public ParamNames(String index, String kind, String... names) {
        this.index = index;
        this.kind = kind;
        this.names = names.clone();
        this.nameSet = Set.of(names);
        String[] sorted = names.clone();
        Arrays.sort(sorted);
        this.listed = String.join(", ", sorted);
    }

    /**
     * Refuses a map with a name this index does not take. Searches call it on every query, so it
     * asks the map about each known name (a hash lookup apiece, no iterator) and looks for the
     * stranger only when the count of known names found falls short of the map's size.
     */
    public void check(Map<String, String> params) {
        int known = 0;
        for (String name : names) {
            if (params.containsKey(name)) {
                known++;
            }
        }
        if (known == params.size()) {
            return;
        }
        for (String name : params.keySet()) {
            if (!nameSet.contains(name)) {
                throw new IllegalArgumentException("unknown " + index + " " + kind + " parameter '" + name + "'; known "
                        + kind + " parameters: " + listed);
            }
        }
    }

    /** The whole number {@code name} in {@code params} (a seed, say), {@code defaultValue} when absent. */
    public long wholeNumber(Map<String, String> params, String name, long defaultValue) {
        String text = params.get(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(index + " parameter '" + name + "' must be a whole number, got '" + text + "'", e);
        }
    }

    /** The whole number {@code name} in {@code params}, {@code defaultValue} when absent, refused outside [min, max]. */
    public int wholeNumber(Map<String, String> params, String name, int defaultValue, int min, int max) {
        String text = params.get(name);
        if (text == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(index + " parameter '" + name + "' must be a whole number, got '" + text + "'", e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(index + " parameter '" + name + "' must be between " + min + " and " + max
                    + ", got " + value);
        }
        return value;
    }
}
