package io.proximadb.bench.ann;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a peer driver printed on standard output, parsed: one {@code build} line, then one
 * {@code search} line per setting (docs/bench/ann.md, "Peer driver protocol"):
 * <pre>
 * build build_s=9.214 memory_bytes=203444160
 * search ef=16 wall_ns=212000000 file=bench/results/peers/hnswlib-ef16.bin
 * </pre>
 * A {@code search} line's keys other than {@code wall_ns} and {@code file} are its search
 * parameters. Anything else is refused: the drivers write their chatter to standard error.
 *
 * @param buildSeconds the driver's own timing of its build
 * @param memoryBytes  the driver's estimate of its index's size, vectors included
 */
record PeerOutput(double buildSeconds, long memoryBytes, List<Setting> settings) {

    /**
     * One measured pass.
     *
     * @param params    the search parameters, as the driver named them
     * @param wallNanos the wall time of the measured pass
     * @param answers   the file of per-query latencies and ids ({@link PeerAnswers})
     */
    record Setting(Map<String, String> params, long wallNanos, Path answers) {
    }

    static PeerOutput parse(List<String> lines) throws IOException {
        Double buildSeconds = null;
        long memoryBytes = 0;
        List<Setting> settings = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] words = line.trim().split("\\s+");
            Map<String, String> fields = fields(line, words);
            switch (words[0]) {
                case "build" -> {
                    buildSeconds = Double.parseDouble(require(fields, "build_s", line));
                    memoryBytes = Long.parseLong(require(fields, "memory_bytes", line));
                }
                case "search" -> {
                    if (buildSeconds == null) {
                        throw new IOException("peer driver printed a search line before its build line: " + line);
                    }
                    long wall = Long.parseLong(require(fields, "wall_ns", line));
                    Path file = Path.of(require(fields, "file", line));
                    fields.remove("wall_ns");
                    fields.remove("file");
                    settings.add(new Setting(fields, wall, file));
                }
                default -> throw new IOException("peer driver printed an unexpected line: " + line);
            }
        }
        if (buildSeconds == null || settings.isEmpty()) {
            throw new IOException("peer driver finished without " + (buildSeconds == null ? "a build line" : "a search line"));
        }
        return new PeerOutput(buildSeconds, memoryBytes, List.copyOf(settings));
    }

    private static Map<String, String> fields(String line, String[] words) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                throw new IOException("peer driver printed '" + words[i] + "', not key=value, in: " + line);
            }
            fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        return fields;
    }

    private static String require(Map<String, String> fields, String key, String line) throws IOException {
        String value = fields.get(key);
        if (value == null) {
            throw new IOException("peer driver line lacks " + key + ": " + line);
        }
        return value;
    }
}
