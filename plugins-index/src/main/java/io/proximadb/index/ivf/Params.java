package io.proximadb.index.ivf;

import java.util.Map;

/** Whole-number parameters, with errors that name the parameter, the value and the range. */
final class Params {

    private Params() {
    }

    static int intParam(Map<String, String> params, String name, int defaultValue, int min, int max) {
        String text = params.get(name);
        if (text == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ivf parameter '" + name + "' must be a whole number, got '" + text + "'", e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("ivf parameter '" + name + "' must be between " + min + " and " + max
                    + ", got " + value);
        }
        return value;
    }
}
