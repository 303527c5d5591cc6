package io.proximadb.index.axis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost model of {@code axis-config.onnx}: one row per setting, the segment's features and the
 * setting's inputs in the order the model's metadata names them, out come recall, latency, build
 * time and memory in plain units (docs/axis/config-model.md says what it was trained on).
 */
final class OnnxCostModel implements CostModel {

    static final String RESOURCE = "axis-config.onnx";
    static final List<String> OUTPUTS = List.of("recall", "latency_us", "build_s", "memory_bytes");

    private final OnnxModel model;
    private final double margin;

    OnnxCostModel(OnnxModel model) {
        this.model = model;
        String outputs = model.metadata("axis.outputs", "");
        if (!outputs.equals(String.join(",", OUTPUTS))) {
            throw new IllegalStateException("the model's outputs are '" + outputs + "', expected " + String.join(",", OUTPUTS));
        }
        Map<String, Double> known = rowInputs(new SegmentFeatures(1, 1, io.proximadb.spi.record.Metric.L2, 0, 1, 1, 1, 1),
                new Setting(Candidate.ALL.getFirst(), 0));
        for (String input : model.inputs()) {
            if (!known.containsKey(input)) {
                throw new IllegalStateException("the model takes the input '" + input + "', which this version does not"
                        + " compute; known: " + known.keySet());
            }
        }
        try {
            this.margin = Double.parseDouble(model.metadata("axis.recall_margin_logit", "0"));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the model's axis.recall_margin_logit is not a number", e);
        }
    }

    @Override
    public List<Prediction> predict(SegmentFeatures features, List<Setting> settings) {
        List<String> inputs = model.inputs();
        float[] rows = new float[settings.size() * inputs.size()];
        for (int row = 0; row < settings.size(); row++) {
            Map<String, Double> values = rowInputs(features, settings.get(row));
            for (int column = 0; column < inputs.size(); column++) {
                rows[row * inputs.size() + column] = values.get(inputs.get(column)).floatValue();
            }
        }
        float[][] out = model.run(rows, settings.size());
        List<Prediction> predictions = new ArrayList<>(settings.size());
        for (float[] row : out) {
            predictions.add(new Prediction(row[0], row[1], row[2], row[3]));
        }
        return predictions;
    }

    @Override
    public double recallMarginLogit() {
        return margin;
    }

    /** The named inputs of one row: the segment's, then the setting's. */
    static Map<String, Double> rowInputs(SegmentFeatures features, Setting setting) {
        Map<String, Double> values = new LinkedHashMap<>(features.inputs());
        values.putAll(setting.candidate().inputs(setting.effort()));
        return values;
    }
}
