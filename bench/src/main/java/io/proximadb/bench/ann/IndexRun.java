package io.proximadb.bench.ann;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One build of one of our indexes: the plugin and its quantizer, with the parameters the harness
 * passes to it under the agreed names. Each index gets only the parameters it takes, so an index
 * that rejects unknown names (as hnsw does) is never handed another index's.
 *
 * @param index     the index plugin's name
 * @param quantizer {@code none} or the quantizer it is built with
 */
record IndexRun(String index, String quantizer) {

    /**
     * The builds of a run, in the order of {@code --index}: one per quantizer for hnsw and ivf, one
     * for flat, which has no quantizer.
     */
    static List<IndexRun> plan(AnnOptions options) {
        List<IndexRun> runs = new ArrayList<>();
        for (String index : options.indexes()) {
            runs.addAll(plan(index, options));
        }
        return runs;
    }

    /** The builds of one index. */
    static List<IndexRun> plan(String index, AnnOptions options) {
        if (index.equals("flat") || index.equals("faiss")) {
            return List.of(new IndexRun(index, "none")); // faiss quantizes through its factory string
        }
        return options.quantizers().stream().map(q -> new IndexRun(index, q)).toList();
    }

    /** The name of its results in JSON, CSV and plot: the index, then the quantizer if any ({@code hnsw-sq8}). */
    String series() {
        return quantizer.equals("none") ? index : index + "-" + quantizer;
    }

    /**
     * The series of a run with these options: the plugin {@code faiss} (through FFM) is named by its
     * factory string ({@code faiss-ffm-hnsw32}), apart from the {@code faiss-*} peers run in Python.
     */
    String series(AnnOptions options) {
        if (index.equals("faiss")) {
            return "faiss-ffm-" + options.factory().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        }
        return series();
    }

    /** The FAISS family the factory string names, which decides the search knob. */
    private static String faissKind(AnnOptions options) {
        String factory = options.factory().toUpperCase(java.util.Locale.ROOT);
        return factory.startsWith("HNSW") ? "hnsw" : factory.startsWith("IVF") ? "ivf" : "flat";
    }

    boolean quantized() {
        return !quantizer.equals("none");
    }

    /** The build parameters, in the order they are shown. */
    Map<String, String> buildParams(AnnOptions options) {
        Map<String, String> params = new LinkedHashMap<>();
        switch (index) {
            case "hnsw" -> {
                params.put("m", Integer.toString(options.m()));
                params.put("ef_construction", Integer.toString(options.efConstruction()));
                putQuantizer(params, options);
                params.put("build_threads", Integer.toString(options.threads()));
            }
            case "ivf" -> {
                params.put("nlist", Integer.toString(options.nlist()));
                putQuantizer(params, options);
                params.put("build_threads", Integer.toString(options.threads()));
            }
            case "faiss" -> {
                params.put("factory", options.factory());
                if (faissKind(options).equals("hnsw")) {
                    params.put("ef_construction", Integer.toString(options.efConstruction()));
                }
            }
            default -> {
                // flat: exact search takes no parameters
            }
        }
        return params;
    }

    /** {@code quantizer} only when there is one (the indexes' default is none), {@code pq_m} only for pq. */
    private void putQuantizer(Map<String, String> params, AnnOptions options) {
        if (quantized()) {
            params.put("quantizer", quantizer);
        }
        if (quantizer.equals("pq") && options.pqM() != null) {
            params.put("pq_m", Integer.toString(options.pqM()));
        }
    }

    /**
     * The search settings swept: each {@code ef} (hnsw) or {@code nprobe} (ivf), crossed with each
     * {@code rerank} when the build is quantized and reranks were given; flat has one, empty.
     */
    List<Map<String, String>> searchSettings(AnnOptions options) {
        String knob;
        List<Integer> values;
        String family = index.equals("faiss") ? faissKind(options) : index;
        switch (family) {
            case "hnsw" -> {
                knob = "ef";
                values = options.efs();
            }
            case "ivf" -> {
                knob = "nprobe";
                values = options.nprobes();
            }
            default -> {
                return List.of(Map.of());
            }
        }
        List<Integer> reranks = quantized() ? options.reranks() : List.of();
        List<Map<String, String>> settings = new ArrayList<>();
        for (int value : values) {
            if (reranks.isEmpty()) {
                settings.add(Map.of(knob, Integer.toString(value)));
            }
            for (int rerank : reranks) {
                Map<String, String> setting = new LinkedHashMap<>();
                setting.put(knob, Integer.toString(value));
                setting.put("rerank", Integer.toString(rerank));
                settings.add(setting);
            }
        }
        return settings;
    }
}
