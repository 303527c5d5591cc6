package io.proximadb.index.axis;

import io.proximadb.spi.index.QueryWorkload;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses with a {@link CostModel}: every candidate at every effort is predicted in one batch, and
 * of the settings whose predicted recall, less the model's margin (in logits), reaches the target
 * within the memory budget, the cheapest wins ({@link Cost}: the predicted latency, or once the
 * collection's load is known, the build against an hour of searches). Flat search is exact,
 * so it meets every target whatever the model says. When no option reaches the
 * target, the setting with the highest predicted recall within the budget is taken (flat, which
 * holds nothing beyond the vectors, when nothing fits), and the choice says so. Only the
 * candidates the collection allows are weighed.
 */
final class ModelPlanner implements Planner {

    /** Below this many vectors a scan is as fast as any index and exact: no model is asked. */
    static final int EXACT_BELOW = 1000;

    private final CostModel model;
    private final String name;

    ModelPlanner(CostModel model, String name) {
        this.model = model;
        this.name = name;
    }

    @Override
    public Choice plan(SegmentFeatures features, AxisParams params, QueryWorkload workload) {
        Cost cost = Cost.of(workload, features.count());
        Setting flat = new Setting(Candidate.ALL.getFirst(), 0);
        boolean flatAllowed = params.candidates().contains(flat.candidate());
        if (features.count() < EXACT_BELOW && flatAllowed) {
            return new Choice(flat, null, name + ": fewer than " + EXACT_BELOW + " vectors, scanned exactly", features);
        }
        List<Setting> settings = new ArrayList<>();
        for (Candidate candidate : params.candidates()) {
            for (int effort : candidate.efforts(features.k())) {
                settings.add(new Setting(candidate, effort));
            }
        }
        List<Prediction> predictions = model.predict(features, settings);
        double needed = logit(params.targetRecall()) + model.recallMarginLogit();
        Choice best = null;
        Choice fallback = null;
        for (int i = 0; i < settings.size(); i++) {
            Setting setting = settings.get(i);
            Prediction predicted = withCopiedVectors(setting, exactWhereExact(setting, predictions.get(i)), features);
            if (predicted.memoryBytes() > params.memoryBudget()) {
                continue;
            }
            if (fallback == null || predicted.recall() > fallback.predicted().recall()) {
                fallback = new Choice(setting, predicted, name + ": no setting is expected to reach recall "
                        + params.targetRecall() + " within the budget; the highest expected recall", features);
            }
            boolean meets = setting.candidate().exact() || logit(predicted.recall()) >= needed;
            if (meets && (best == null || cost.of(predicted) < cost.of(best.predicted()))) {
                best = new Choice(setting, predicted, name + cost.describe(), features);
            }
        }
        if (best != null) {
            return best;
        }
        if (fallback != null) {
            return fallback;
        }
        Setting least = flatAllowed ? flat : settings.getFirst();
        return new Choice(least, null, name + ": nothing fits the memory budget; the least memory", features);
    }

    /**
     * What a choice costs. Before a collection has shown its load, the latency of one search: a
     * fresh collection is served as if it will be searched often. Once {@value #OBSERVED_FROM}
     * searches have been seen, the build's seconds plus the seconds of an hour of the observed rate
     * of searches, leaving out the share of filtered searches so selective that any index ends in
     * an exact scan of the matches ({@link AdaptiveWidth#MAX_WIDTH} of them or fewer): a rarely
     * searched segment is not worth an expensive build.
     *
     * @param searchesPerHour the searches an hour that reach the index; negative for latency alone
     */
    record Cost(double searchesPerHour) {

        static final int OBSERVED_FROM = 1000;

        static Cost of(QueryWorkload workload, int count) {
            if (workload.queries() < OBSERVED_FROM) {
                return new Cost(-1);
            }
            boolean selective = !Double.isNaN(workload.meanSelectivity())
                    && workload.meanSelectivity() * count <= AdaptiveWidth.MAX_WIDTH;
            double share = 1 - (selective ? workload.filteredShare() : 0);
            return new Cost(workload.queriesPerSecond() * 3600 * share);
        }

        double of(Prediction predicted) {
            return searchesPerHour < 0 ? predicted.latencyMicros()
                    : predicted.buildSeconds() + searchesPerHour * predicted.latencyMicros() / 1e6;
        }

        /** What the planner's name adds: nothing before the load is known. */
        String describe() {
            return searchesPerHour < 0 ? ""
                    : String.format(java.util.Locale.ROOT, " (weighing the build against %.0f searches an hour)", searchesPerHour);
        }
    }

    /** {@code ln(p / (1 - p))}: infinite at 1, so that only exact search meets a target of 1. */
    static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /**
     * The model learnt memory from indexes that searched the segment's vectors; a float32 hnsw
     * built here now holds its own copy too (see {@link Candidate#copiedVectorBytes}).
     */
    private static Prediction withCopiedVectors(Setting setting, Prediction predicted, SegmentFeatures features) {
        double copied = setting.candidate().copiedVectorBytes(features);
        return copied == 0 ? predicted
                : new Prediction(predicted.recall(), predicted.latencyMicros(), predicted.buildSeconds(), predicted.memoryBytes() + copied);
    }

    private static Prediction exactWhereExact(Setting setting, Prediction predicted) {
        return setting.candidate().exact()
                ? new Prediction(1.0, predicted.latencyMicros(), predicted.buildSeconds(), predicted.memoryBytes())
                : predicted;
    }
}
