package io.proximadb.index.axis;

import io.proximadb.index.ivf.IvfIndexFactory;
import io.proximadb.spi.index.QueryWorkload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * AXIS without a model: fixed rules, written down in docs/axis.md, that a careful operator would
 * apply by hand. Small segments are scanned exactly; others get hnsw (m = 32 where the intrinsic
 * dimensionality is high, as hard data needs wider lists, else 16) with ef a multiple of k that
 * grows with the target; where the graph would not fit the memory budget, ivf with a share of its
 * lists probed that grows with the target (never fewer than hold about 2,048 vectors); where
 * neither fits, the exact scan. Among the
 * candidates the collection allows, the first in that order that fits the budget is taken, or the
 * one needing the least memory when none fits.
 */
final class RulePlanner implements Planner {

    static final int EXACT_BELOW = 10_000;
    static final double HIGH_INTRINSIC_DIM = 24;

    private final String reason;

    /** @param reason why rules choose: asked for, or why the model could not be used */
    RulePlanner(String reason) {
        this.reason = reason;
    }

    @Override
    public Choice plan(SegmentFeatures features, AxisParams params, QueryWorkload workload) {
        List<Candidate> order = preference(features);
        List<Candidate> allowed = order.stream().filter(params.candidates()::contains).toList();
        Candidate chosen = allowed.stream().filter(c -> memoryBytes(c, features) <= params.memoryBudget()).findFirst()
                .orElseGet(() -> allowed.stream().min(Comparator.comparingDouble(c -> memoryBytes(c, features))).orElseThrow());
        return new Choice(new Setting(chosen, effort(chosen, features, params)), null, "rules (" + reason + ")", features);
    }

    /** Every candidate, the rules' favourite first. */
    private static List<Candidate> preference(SegmentFeatures features) {
        int m = features.intrinsicDim() > HIGH_INTRINSIC_DIM ? 32 : 16;
        List<Candidate> order = new ArrayList<>();
        if (features.count() < EXACT_BELOW) {
            order.add(Candidate.ALL.getFirst());
        }
        Candidate.ALL.stream().filter(c -> c.family().equals(Candidate.HNSW))
                .sorted(Comparator.comparingInt((Candidate c) -> Math.abs(c.m() - m))
                        .thenComparing(c -> !c.quantizer().equals(Candidate.NONE)))
                .forEach(order::add);
        Candidate.ALL.stream().filter(c -> c.family().equals(Candidate.IVF)).forEach(order::add);
        if (!order.contains(Candidate.ALL.getFirst())) {
            order.add(Candidate.ALL.getFirst());
        }
        return order;
    }

    /**
     * Bytes beyond the vectors: hnsw's links (2m per node on layer 0, about 1/m as many above),
     * codes and copied vectors ({@link Candidate#copiedVectorBytes}); ivf's ids, centroids and codes.
     */
    static double memoryBytes(Candidate candidate, SegmentFeatures features) {
        double n = features.count();
        double codes = switch (candidate.quantizer()) {
            case "sq8" -> n * features.dimension();
            case "pq" -> n * Math.max(1, features.dimension() / 4.0);
            default -> 0;
        };
        return switch (candidate.family()) {
            case Candidate.HNSW -> n * 4.0 * (2 * candidate.m() + 2) * 1.1 + codes + candidate.copiedVectorBytes(features);
            case Candidate.IVF -> n * 4.0 + lists(features) * features.dimension() * 4.0 + codes;
            default -> 0;
        };
    }

    private static int effort(Candidate candidate, SegmentFeatures features, AxisParams params) {
        double target = params.targetRecall();
        return switch (candidate.family()) {
            case Candidate.HNSW -> {
                double multiple = target <= 0.90 ? 1.5 : target <= 0.95 ? 3 : target <= 0.98 ? 6 : target <= 0.99 ? 10 : 25;
                if (features.intrinsicDim() > HIGH_INTRINSIC_DIM) {
                    multiple *= 2;
                }
                yield Math.max(features.k(), Math.min(512, (int) Math.ceil(multiple * features.k())));
            }
            case Candidate.IVF -> {
                double share = target <= 0.90 ? 0.02 : target <= 0.95 ? 0.04 : target <= 0.99 ? 0.10 : 0.25;
                long lists = lists(features);
                // As ivf's own default: never fewer lists than hold about 2,048 vectors, below which
                // probing less saves microseconds and costs recall.
                double floor = Math.ceil(2048.0 * lists / Math.max(1, features.count()));
                yield (int) Math.min(lists, Math.max(1, Math.max(floor, Math.ceil(share * lists))));
            }
            default -> 0;
        };
    }

    /** The lists ivf builds over the segment by default. */
    private static long lists(SegmentFeatures features) {
        return IvfIndexFactory.defaultLists(features.count());
    }
}
