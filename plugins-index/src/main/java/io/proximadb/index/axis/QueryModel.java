package io.proximadb.index.axis;

import io.proximadb.index.hnsw.AdaptiveSearch;
import io.proximadb.index.hnsw.WalkProbe;
import io.proximadb.spi.index.Neighbor;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The per-query model of {@code axis-query.onnx}: from a segment's features, the graph's m and a
 * walk's probe ({@link ProbeFeatures}), the logarithm of the beam width the walk needs to find all
 * k true neighbours (docs/axis/query-model.md). Bound to a segment, it is run once over a grid of
 * probes ({@link ProbeTable}) and read by interpolation per query; a query for another k runs it on
 * the searching thread, on pinned buffers taken from a pool. Thread-safe.
 */
final class QueryModel {

    static final String RESOURCE = "axis-query.onnx";

    private final OnnxModel model;

    QueryModel(OnnxModel model) {
        this.model = model;
        if (!model.metadata("axis.outputs", "").equals("log_width")) {
            throw new IllegalStateException("the per-query model's outputs are '" + model.metadata("axis.outputs", "")
                    + "', expected log_width");
        }
        SegmentFeatures any = new SegmentFeatures(1, 1, io.proximadb.spi.record.Metric.L2, 0, 1, 1, 1, 1);
        Map<String, Double> known = ProbeFeatures.inputs(any, 16, new WalkProbe(1, 1, 1, 1, 1, 1));
        for (String input : model.inputs()) {
            if (!known.containsKey(input)) {
                throw new IllegalStateException("the per-query model takes the input '" + input + "', which this version"
                        + " does not compute; known: " + known.keySet());
            }
        }
    }

    /** The model bound to one segment: its constant inputs filled once, the probe's per query. */
    Bound bind(SegmentFeatures features, int m) {
        return new Bound(features, m);
    }

    /** The per-query model for one segment. Thread-safe. */
    final class Bound implements AutoCloseable {

        private final float[] template;
        /** Where each of {@link ProbeFeatures#PROBE_NAMES} goes in a row, and where k's logarithm goes (-1: not an input). */
        private final int[] probeSlots = new int[ProbeFeatures.PROBE_NAMES.length];
        private final int kSlot;
        /** The model at the segment's own k over a grid of probes, read instead of a run ({@link ProbeTable}). */
        private final ProbeTable table;
        private final int tableK;
        /** Rows not in use; every row made, to close them with the segment (they hold native tensors). */
        private final Queue<OnnxModel.Row> idle = new ConcurrentLinkedQueue<>();
        private final Queue<OnnxModel.Row> made = new ConcurrentLinkedQueue<>();

        private Bound(SegmentFeatures features, int m) {
            List<String> inputs = model.inputs();
            Map<String, Double> segment = ProbeFeatures.segmentInputs(features, m);
            template = new float[inputs.size()];
            for (int i = 0; i < inputs.size(); i++) {
                Double value = segment.get(inputs.get(i));
                template[i] = value == null ? 0 : value.floatValue();
            }
            for (int p = 0; p < probeSlots.length; p++) {
                probeSlots[p] = inputs.indexOf(ProbeFeatures.PROBE_NAMES[p]);
            }
            kSlot = inputs.indexOf("f_log2_k");
            tableK = features.k();
            float[] atK = template.clone();
            if (kSlot >= 0) {
                atK[kSlot] = (float) SegmentFeatures.log2(tableK);
            }
            table = ProbeTable.of(model, atK, probeSlots);
        }

        /**
         * The predicted logarithm of the width the walk of {@code probe} needs: from the segment's
         * table when the probe is for the segment's k, as it nearly always is, else by a run.
         */
        double logWidth(WalkProbe probe) {
            double[] values = new double[ProbeFeatures.PROBE_NAMES.length];
            ProbeFeatures.probeInputs(probe, values);
            return probe.k() == tableK ? table.at(values) : run(probe, values);
        }

        /** {@link #logWidth} by a run of the model on one row. */
        double run(WalkProbe probe, double[] values) {
            OnnxModel.Row row = idle.poll();
            if (row == null) {
                row = model.newRow(1);
                made.add(row);
            }
            try {
                row.input.put(0, template);
                for (int p = 0; p < probeSlots.length; p++) {
                    if (probeSlots[p] >= 0) {
                        row.input.put(probeSlots[p], (float) values[p]);
                    }
                }
                if (kSlot >= 0) {
                    row.input.put(kSlot, (float) SegmentFeatures.log2(probe.k()));
                }
                row.run();
                return row.output.get(0);
            } finally {
                idle.add(row);
            }
        }

        /**
         * A search of {@code index} whose width this model chooses at the walk's probe,
         * {@code e^(prediction + offset)} within [k, {@value AdaptiveWidth#MAX_WIDTH}], with
         * {@code excluded} (or none, -1) absent from the graph.
         */
        List<Neighbor> search(AdaptiveSearch index, float[] query, int k, double offset, int excluded) {
            return index.searchAdaptive(query, k, AdaptiveWidth.PROBE_DISTANCES, AdaptiveWidth.probeWidth(k),
                    probe -> (int) Math.min(AdaptiveWidth.MAX_WIDTH, Math.max(k, Math.round(Math.exp(logWidth(probe) + offset)))),
                    excluded);
        }

        /** Closes every row; the caller makes sure no search is running. */
        @Override
        public void close() {
            idle.clear();
            for (OnnxModel.Row row; (row = made.poll()) != null; ) {
                row.close();
            }
        }
    }
}
