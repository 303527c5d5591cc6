package io.proximadb.index.axis;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses with a {@link CostModel}: every candidate at every effort is predicted in one batch, and
 * of the settings whose predicted recall, less the model's margin (in logits), reaches the target
 * within the memory budget, the one with the lowest predicted latency wins. Flat search is exact,
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
    public Choice plan(SegmentFeatures features, AxisParams params) {
        Setting flat = new Setting(Candidate.ALL.getFirst(), 0);
        boolean flatAllowed = params.candidates().contains(flat.candidate());
        if (features.count() < EXACT_BELOW && flatAllowed) {
            return new Choice(flat, null, name + ": fewer than " + EXACT_BELOW + " vectors, scanned exactly", features);
        }
        List<Setting> settings = new ArrayList<>();
        for (Candidate candidate : params.candidates()) {
            for (int effort : candidate.efforts(params.k())) {
                settings.add(new Setting(candidate, effort));
            }
        }
        List<Prediction> predictions = model.predict(features, settings);
        double needed = logit(params.targetRecall()) + model.recallMarginLogit();
        Choice best = null;
        Choice fallback = null;
        for (int i = 0; i < settings.size(); i++) {
            Setting setting = settings.get(i);
            Prediction predicted = exactWhereExact(setting, predictions.get(i));
            if (predicted.memoryBytes() > params.memoryBudget()) {
                continue;
            }
            if (fallback == null || predicted.recall() > fallback.predicted().recall()) {
                fallback = new Choice(setting, predicted, name + ": no setting is expected to reach recall "
                        + params.targetRecall() + " within the budget; the highest expected recall", features);
            }
            boolean meets = setting.candidate().exact() || logit(predicted.recall()) >= needed;
            if (meets && (best == null || predicted.latencyMicros() < best.predicted().latencyMicros())) {
                best = new Choice(setting, predicted, name, features);
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

    /** {@code ln(p / (1 - p))}: infinite at 1, so that only exact search meets a target of 1. */
    static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static Prediction exactWhereExact(Setting setting, Prediction predicted) {
        return setting.candidate().exact()
                ? new Prediction(1.0, predicted.latencyMicros(), predicted.buildSeconds(), predicted.memoryBytes())
                : predicted;
    }
}
