package io.proximadb.index.axis;

import io.proximadb.index.hnsw.AdaptiveSearch;
import io.proximadb.spi.index.VectorIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settles how a built index searches: the planner's effort, raised along the candidate's efforts
 * until the index reaches the target on the calibration queries; and, for hnsw, the smallest
 * per-query width offset that reaches it, kept only when it is faster than the fixed effort on the
 * same queries. Calibration never lowers the planned effort: its queries come from the segment
 * itself, and queries from elsewhere (another model's embeddings, outliers) can be harder, which
 * the planner's margin allows for and a sample of the data cannot show. Recall here is the
 * measured mean less 1.645 standard errors, so that a sample's luck does not pass for the index's.
 */
final class Tuner {

    /** Offsets of the per-query model's log width tried, in steps that change the width by about 20 %. */
    static final double MIN_OFFSET = -2.0;
    static final double MAX_OFFSET = 2.0;
    static final double OFFSET_STEP = 0.2;

    private final VectorIndex chosen;
    private final Candidate candidate;
    private final AxisParams params;
    /** The k the target is measured at, as the planner resolved it. */
    private final int k;

    Tuner(VectorIndex chosen, Candidate candidate, AxisParams params, int k) {
        this.chosen = chosen;
        this.candidate = candidate;
        this.params = params;
        this.k = k;
    }

    /**
     * The smallest of the candidate's efforts, from the planned one up, whose calibrated recall
     * reaches the target (the largest when none does).
     */
    Tuning calibrate(Calibration calibration, int planned) {
        List<Integer> efforts = new ArrayList<>(List.of(planned));
        candidate.efforts(k).stream().filter(e -> e > planned).forEach(efforts::add);
        int i = 0;
        double recall = calibration.lowerRecall(fixedSearch(efforts.get(i)));
        while (recall < params.targetRecall() && i < efforts.size() - 1) {
            i++;
            recall = calibration.lowerRecall(fixedSearch(efforts.get(i)));
        }
        return new Tuning(efforts.get(i), Double.NaN, recall);
    }

    /**
     * The per-query tuning that reaches the target with the smallest offset, if it is faster than
     * {@code fixed} on the calibration queries; otherwise {@code fixed}.
     */
    Tuning calibrateAdaptive(Calibration calibration, Tuning fixed, QueryModel.Bound model) {
        int steps = (int) Math.round((MAX_OFFSET - MIN_OFFSET) / OFFSET_STEP);
        int low = 0;
        int high = steps;
        double highRecall = adaptiveRecall(calibration, model, offset(high));
        if (highRecall < params.targetRecall()) {
            return fixed;
        }
        // Recall grows with the offset: the smallest step that reaches the target, by bisection.
        while (low < high) {
            int middle = (low + high) >>> 1;
            double recall = adaptiveRecall(calibration, model, offset(middle));
            if (recall >= params.targetRecall()) {
                high = middle;
                highRecall = recall;
            } else {
                low = middle + 1;
            }
        }
        double offset = offset(high);
        long adaptiveNanos = calibration.nanosPerQuery(adaptiveSearch(model, offset));
        long fixedNanos = calibration.nanosPerQuery(fixedSearch(fixed.effort()));
        return adaptiveNanos < fixedNanos ? new Tuning(fixed.effort(), offset, highRecall) : fixed;
    }

    private static double offset(int step) {
        return MIN_OFFSET + step * OFFSET_STEP;
    }

    private double adaptiveRecall(Calibration calibration, QueryModel.Bound model, double offset) {
        return calibration.lowerRecall(adaptiveSearch(model, offset));
    }

    private Calibration.Searcher adaptiveSearch(QueryModel.Bound model, double offset) {
        return (query, self) -> model.search((AdaptiveSearch) chosen, query, k, offset, self);
    }

    /**
     * Searches at {@code effort}: on a graph with the query's own node left out of the walk; on
     * lists for k + 1, the query itself among them (its own vector does not lead to its neighbours there).
     */
    private Calibration.Searcher fixedSearch(int effort) {
        Map<String, String> params = Map.of(candidate.knob(), Integer.toString(effort));
        if (chosen instanceof AdaptiveSearch graph) {
            return (query, self) -> graph.searchWithout(query, k, params, self);
        }
        return (query, self) -> chosen.search(query, k + 1, null, params);
    }
}
