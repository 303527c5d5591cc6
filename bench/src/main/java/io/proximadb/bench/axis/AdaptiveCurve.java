package io.proximadb.bench.axis;

import io.proximadb.bench.plot.LinePlot;
import io.proximadb.index.axis.AxisIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-query widths against fixed widths on one held-out set and one hnsw graph: recall and QPS at
 * each offset of the per-query model, beside the fixed-ef curve, the ratio of their QPS at the
 * same mean recall (both interpolated between measured points), and the ceiling of that ratio
 * ({@link WidthBound}).
 *
 * @param fixed    the graph searched at each fixed ef
 * @param adaptive the graph searched with per-query widths at each offset; empty where the
 *                 per-query model does not apply (metric, or no model)
 * @param bound    what the best width per query, known in advance, gains over the same fixed efs
 *                 in distances; {@code null} where the per-query model does not apply
 */
record AdaptiveCurve(String dataset, List<SettingFigures> fixed, List<SettingFigures> adaptive, WidthBound bound) {

    /** Offsets measured, smallest (fastest) first. */
    static final double[] OFFSETS = {-2.0, -1.5, -1.0, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1.0, 1.5};
    /** The recall levels at which gains are reported. */
    static final double[] LEVELS = {0.9, 0.95, 0.98, 0.99};

    static AdaptiveCurve measure(String dataset, AxisIndex index, IndexMeasurer measurer, List<SettingFigures> fixed,
                                 double buildSeconds) {
        List<SettingFigures> adaptive = new ArrayList<>();
        WidthBound bound = null;
        // a segment without the per-query model (its metric, or the model did not load) has no curve
        if (index.perQueryWidths()) {
            for (double offset : OFFSETS) {
                adaptive.add(measurer.search(index, Map.of(AxisIndex.ADAPTIVE_OFFSET, Double.toString(offset)), 0, buildSeconds));
            }
            bound = index.adaptiveWalk().map(walk -> measurer.widthBound(walk, fixed.stream().map(SettingFigures::effort).toList()))
                    .orElse(null);
        }
        return new AdaptiveCurve(dataset, fixed, adaptive, bound);
    }

    boolean measured() {
        return !adaptive.isEmpty();
    }

    /** QPS with per-query widths over QPS with a fixed ef at mean recall {@code level}; NaN where either cannot reach it. */
    double gain(double level) {
        double adaptiveQps = AxisBenchmark.qpsAtRecall(adaptive, level);
        double fixedQps = AxisBenchmark.qpsAtRecall(fixed, level);
        return adaptiveQps > 0 && fixedQps > 0 ? adaptiveQps / fixedQps : Double.NaN;
    }

    /** The geometric mean of the gains at {@code level} over the sets where both reach it. */
    static double geomeanGain(List<AdaptiveCurve> curves, double level) {
        return AxisBenchmark.geomean(curves.stream().filter(AdaptiveCurve::measured).mapToDouble(c -> c.gain(level))
                .filter(Double::isFinite).toArray());
    }

    /** The sets where both the gain and its ceiling at {@code level} are known. */
    static List<AdaptiveCurve> bounded(List<AdaptiveCurve> curves, double level) {
        return curves.stream().filter(c -> c.measured() && c.bound() != null && Double.isFinite(c.gain(level))
                && Double.isFinite(c.bound().at(level))).toList();
    }

    /** The geometric mean of the ceilings at {@code level} over {@link #bounded} sets. */
    static double geomeanBound(List<AdaptiveCurve> curves, double level) {
        return AxisBenchmark.geomean(bounded(curves, level).stream().mapToDouble(c -> c.bound().at(level)).toArray());
    }

    /** Prints the gains per set, writes them as CSV and a plot of gain per set at each level. */
    static void report(List<AdaptiveCurve> curves, Path directory) throws IOException {
        StringBuilder csv = new StringBuilder("dataset,mode,setting,recall,qps\n");
        System.err.printf(Locale.ROOT, "%n%-36s %s%n", "per-query width, QPS over fixed ef",
                "gain at mean recall 0.90 / 0.95 / 0.98 / 0.99, then (in distances) the ceiling of any per-query width");
        LinePlot plot = new LinePlot("Per-query widths (AXIS) over fixed ef at the same mean recall, held-out sets",
                "held-out data set", "QPS gain", false, false);
        for (double level : LEVELS) {
            double[] x = new double[curves.size()];
            double[] y = new double[curves.size()];
            for (int i = 0; i < curves.size(); i++) {
                x[i] = i + 1;
                y[i] = Double.isFinite(curves.get(i).gain(level)) ? curves.get(i).gain(level) : 0;
            }
            plot.add(new LinePlot.Series(String.format(Locale.ROOT, "recall %.2f", level), x, y));
        }
        for (AdaptiveCurve curve : curves) {
            StringBuilder gains = new StringBuilder();
            for (double level : LEVELS) {
                gains.append(String.format(Locale.ROOT, " %6.2f", curve.gain(level)));
            }
            gains.append("   ceiling");
            for (double level : LEVELS) {
                gains.append(String.format(Locale.ROOT, " %5.2f", curve.bound() == null ? Double.NaN : curve.bound().at(level)));
            }
            System.err.printf(Locale.ROOT, "%-36s%s%n", curve.dataset(), gains);
            for (SettingFigures f : curve.fixed()) {
                csv.append(String.format(Locale.ROOT, "%s,fixed,ef=%d,%.4f,%.1f%n", curve.dataset(), f.effort(), f.recall(), f.qps()));
            }
            for (int i = 0; i < curve.adaptive().size(); i++) {
                SettingFigures f = curve.adaptive().get(i);
                csv.append(String.format(Locale.ROOT, "%s,per-query,offset=%.2f,%.4f,%.1f%n", curve.dataset(), OFFSETS[i],
                        f.recall(), f.qps()));
            }
        }
        Files.writeString(directory.resolve("axis-adaptive.csv"), csv);
        plot.write(directory.resolve("axis-adaptive.png"));
    }
}
