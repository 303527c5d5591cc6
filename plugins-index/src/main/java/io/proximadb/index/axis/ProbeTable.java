package io.proximadb.index.axis;

import java.util.Arrays;

/**
 * The per-query model of one segment, run once by ONNX Runtime over a grid of probe inputs and then
 * read by interpolation, so that a query pays a few table reads instead of a model run.
 *
 * <p>Why: a run of the model costs about 3 µs in a tight loop but about 20 µs between two graph
 * walks, whose reads have pushed ONNX Runtime's code and buffers out of the caches: a third to a
 * half of a query on the held-out sets (docs/bench/axis.md). A segment's own inputs are constant,
 * so the model is a function of the four probe inputs ({@link ProbeFeatures#PROBE_NAMES}) alone,
 * and a smooth one (a small ReLU network): evaluated at every point of a grid over the range probes
 * take, and interpolated multilinearly between them, it answers within a few hundredths of ln
 * width ({@code ProbeTableTest}). Inputs outside the grid are clamped to its edges, as the model
 * itself saw no probes beyond them. Immutable, so thread-safe.
 */
final class ProbeTable {

    /**
     * Grid points of each probe input, in {@link ProbeFeatures#PROBE_NAMES}' order, denser where
     * probes are common: ln(k-th / nearest), ln(frontier / k-th) (10 stands for an exhausted walk),
     * ln(k-th / entry), and ln(distances computed) from 7 to 160,000.
     */
    static final double[][] AXES = {
            {0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.65, 0.8, 1, 1.25, 1.5, 2, 2.5, 3, 5, 10},
            {-0.5, -0.2, 0, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 4, 10},
            {-10, -8, -6, -5, -4, -3.5, -3, -2.5, -2, -1.5, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 2},
            {2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11, 11.5, 12}};

    /** The model's output at every grid point, the last axis varying fastest. */
    private final float[] values;

    private ProbeTable(float[] values) {
        this.values = values;
    }

    /** Points in the grid. */
    static int size() {
        int size = 1;
        for (double[] axis : AXES) {
            size *= axis.length;
        }
        return size;
    }

    /**
     * Runs {@code model} on every grid point: each row is {@code template} with the probe inputs at
     * {@code probeSlots} (-1 for an input the model does not take) set to the point's.
     */
    static ProbeTable of(OnnxModel model, float[] template, int[] probeSlots) {
        int columns = template.length;
        int size = size();
        float[] rows = new float[size * columns];
        int[] index = new int[AXES.length];
        for (int point = 0; point < size; point++) {
            System.arraycopy(template, 0, rows, point * columns, columns);
            for (int axis = 0; axis < AXES.length; axis++) {
                if (probeSlots[axis] >= 0) {
                    rows[point * columns + probeSlots[axis]] = (float) AXES[axis][index[axis]];
                }
            }
            for (int axis = AXES.length - 1; axis >= 0 && ++index[axis] == AXES[axis].length; axis--) {
                index[axis] = 0;
            }
        }
        float[][] outputs = model.run(rows, size);
        float[] values = new float[size];
        for (int point = 0; point < size; point++) {
            values[point] = outputs[point][0];
        }
        return new ProbeTable(values);
    }

    /** The model's output at {@code inputs} (the probe inputs in order), interpolated on the grid. */
    double at(double[] inputs) {
        int[] lower = new int[AXES.length];
        double[] fraction = new double[AXES.length];
        for (int axis = 0; axis < AXES.length; axis++) {
            double[] points = AXES[axis];
            double x = Math.max(points[0], Math.min(points[points.length - 1], inputs[axis]));
            int cell = Arrays.binarySearch(points, x);
            cell = cell >= 0 ? Math.min(cell, points.length - 2) : -cell - 2;
            lower[axis] = cell;
            fraction[axis] = (x - points[cell]) / (points[cell + 1] - points[cell]);
        }
        double sum = 0;
        for (int corner = 0; corner < 1 << AXES.length; corner++) {
            double weight = 1;
            int offset = 0;
            for (int axis = 0; axis < AXES.length; axis++) {
                boolean upper = (corner >> axis & 1) == 1;
                weight *= upper ? fraction[axis] : 1 - fraction[axis];
                offset = offset * AXES[axis].length + lower[axis] + (upper ? 1 : 0);
            }
            if (weight != 0) {
                sum += weight * values[offset];
            }
        }
        return sum;
    }
}
