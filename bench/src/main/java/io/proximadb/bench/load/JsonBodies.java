package io.proximadb.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * The REST request bodies of the load, written by hand: they are the client's hot path (a 784-d
 * vector is a few kilobytes of digits), and every value is a number or a decimal id, so nothing
 * needs escaping. {@link Float#toString} prints the shortest text that reads back to the same
 * float, in JSON's number syntax.
 */
final class JsonBodies {

    private JsonBodies() {
    }

    /** {@code PUT .../records}: base vectors {@code from} (inclusive) to {@code to}, ids their ordinals. */
    static byte[] records(float[][] base, int from, int to) {
        StringBuilder json = new StringBuilder((to - from) * (base[from].length * 6 + 24) + 16);
        json.append("{\"records\":[");
        for (int i = from; i < to; i++) {
            if (i > from) {
                json.append(',');
            }
            json.append("{\"id\":\"").append(i).append("\",\"vector\":");
            vector(json, base[i]);
            json.append('}');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code POST .../search}: the {@code k} nearest of {@code vector}, with {@code params.ef} when given. */
    static byte[] search(float[] vector, int k, Integer ef) {
        StringBuilder json = new StringBuilder(vector.length * 6 + 64);
        json.append("{\"vector\":");
        vector(json, vector);
        json.append(",\"k\":").append(k);
        if (ef != null) {
            json.append(",\"params\":{\"ef\":").append(ef).append('}');
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void vector(StringBuilder json, float[] vector) {
        json.append('[');
        for (int d = 0; d < vector.length; d++) {
            if (d > 0) {
                json.append(',');
            }
            json.append(vector[d]);
        }
        json.append(']');
    }
}
