package io.proximadb.index.axis;

import io.proximadb.spi.index.ParamNames;
import io.proximadb.spi.index.QueryWorkload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Build parameters of an {@code axis} index (docs/axis.md).
 *
 * @param targetRecall  the mean recall at {@code k} each segment's index must reach, in (0, 1]
 * @param k             the number of neighbours the target is stated for; 0 when not given, for
 *                      the searches' observed mean k (or {@value #DEFAULT_K} before there are any)
 * @param memoryBudget  bytes a segment's index may hold beyond its vectors; {@link Long#MAX_VALUE} for no limit
 * @param planner       {@code model} (the ONNX cost model, falling back to rules where it cannot
 *                      load) or {@code rules}
 * @param candidates    the configurations AXIS may choose among ({@link Candidate#ALL} unless restricted)
 * @param calibrate     whether the built index's effort is checked and adjusted on sampled queries
 * @param adaptive      whether hnsw searches may choose their width per query (when calibration
 *                      finds that faster at the target)
 * @param passThrough   {@code seed} and {@code build_threads}, handed to the index chosen
 */
record AxisParams(double targetRecall, int k, long memoryBudget, String planner, List<Candidate> candidates,
                  boolean calibrate, boolean adaptive, Map<String, String> passThrough) {

    static final String TARGET_RECALL = "target_recall";
    static final String K = "k";
    static final String MEMORY_BUDGET_MB = "memory_budget_mb";
    static final String PLANNER = "planner";
    static final String CANDIDATES = "candidates";
    static final String CALIBRATE = "calibrate";
    static final String ADAPTIVE = "adaptive";
    static final String SEED = "seed";
    static final String BUILD_THREADS = "build_threads";

    static final double DEFAULT_TARGET_RECALL = 0.95;
    static final int DEFAULT_K = 10;
    /** Searches observed before their k replaces the default. */
    static final int OBSERVED_K_FROM = 100;
    static final String MODEL = "model";
    static final String RULES = "rules";

    private static final ParamNames BUILD = new ParamNames("axis", "build", TARGET_RECALL, K, MEMORY_BUDGET_MB, PLANNER, CANDIDATES,
            CALIBRATE, ADAPTIVE, SEED, BUILD_THREADS);

    static AxisParams parse(Map<String, String> params) {
        BUILD.check(params);
        double target = number(params, TARGET_RECALL, DEFAULT_TARGET_RECALL);
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("axis parameter 'target_recall' must be in (0, 1], got " + params.get(TARGET_RECALL));
        }
        double k = number(params, K, 0);
        if (params.containsKey(K) && (k < 1 || k > 10_000 || k != Math.rint(k))) {
            throw new IllegalArgumentException("axis parameter 'k' must be a whole number from 1 to 10000, got " + params.get(K));
        }
        long budget = Long.MAX_VALUE;
        if (params.containsKey(MEMORY_BUDGET_MB)) {
            double megabytes = number(params, MEMORY_BUDGET_MB, 0);
            if (!(megabytes >= 0)) {
                throw new IllegalArgumentException("axis parameter 'memory_budget_mb' must be at least 0, got "
                        + params.get(MEMORY_BUDGET_MB));
            }
            budget = (long) Math.min(Long.MAX_VALUE, megabytes * 1_000_000);
        }
        String planner = params.getOrDefault(PLANNER, MODEL).strip();
        if (!planner.equals(MODEL) && !planner.equals(RULES)) {
            throw new IllegalArgumentException("axis parameter 'planner' must be 'model' or 'rules', got '" + planner + "'");
        }
        List<Candidate> candidates = candidates(params.get(CANDIDATES));
        Map<String, String> passThrough = new LinkedHashMap<>();
        for (String name : new String[] {SEED, BUILD_THREADS}) {
            if (params.containsKey(name)) {
                passThrough.put(name, params.get(name));
            }
        }
        return new AxisParams(target, (int) k, budget, planner, candidates, bool(params, CALIBRATE), bool(params, ADAPTIVE),
                Map.copyOf(passThrough));
    }

    /** The candidates named (comma-separated, as {@link Candidate#toString()} spells them), in {@link Candidate#ALL}'s order. */
    private static List<Candidate> candidates(String names) {
        if (names == null) {
            return Candidate.ALL;
        }
        List<String> known = Candidate.ALL.stream().map(Candidate::toString).toList();
        Set<String> asked = new TreeSet<>();
        for (String name : names.split(",")) {
            String candidate = name.strip();
            if (!known.contains(candidate)) {
                throw new IllegalArgumentException("axis parameter 'candidates' names '" + candidate + "', which is not a"
                        + " configuration AXIS knows; known: " + String.join(", ", known));
            }
            asked.add(candidate);
        }
        return Candidate.ALL.stream().filter(c -> asked.contains(c.toString())).toList();
    }

    /** A true/false parameter, true when absent. */
    /**
     * The k the target is measured at: the one given, else the observed searches' mean once there
     * are {@value #OBSERVED_K_FROM} of them, else {@value #DEFAULT_K}.
     */
    int k(QueryWorkload workload) {
        if (k > 0) {
            return k;
        }
        if (workload.queries() >= OBSERVED_K_FROM) {
            return (int) Math.max(1, Math.min(10_000, Math.round(workload.meanK())));
        }
        return DEFAULT_K;
    }

    private static boolean bool(Map<String, String> params, String name) {
        String value = params.getOrDefault(name, "true").strip();
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("axis parameter '" + name + "' must be true or false, got '" + value + "'");
        }
        return value.equals("true");
    }

    private static double number(Map<String, String> params, String name, double fallback) {
        String value = params.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("axis parameter '" + name + "' must be a number, got '" + value + "'", e);
        }
    }
}
