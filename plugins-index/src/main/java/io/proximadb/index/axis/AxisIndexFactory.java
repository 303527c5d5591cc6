package io.proximadb.index.axis;

import io.proximadb.index.flat.FlatIndexFactory;
import io.proximadb.index.hnsw.HnswIndexFactory;
import io.proximadb.index.ivf.IvfIndexFactory;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code axis} index: for each segment, AXIS measures the vectors' features on a sample,
 * predicts with its ONNX cost model the recall, latency, build time and memory of every candidate
 * configuration at every effort, and builds the cheapest that meets the collection's target recall
 * within its memory budget, searched at the effort chosen (docs/axis.md). Where the model cannot be
 * used (ONNX Runtime cannot load, the model is missing or does not match), documented rules choose
 * instead, and the log and every choice say so.
 */
public final class AxisIndexFactory implements VectorIndexFactory {

    private static final System.Logger LOG = System.getLogger(AxisIndexFactory.class.getName());
    static final long DEFAULT_SEED = 42;

    private final Map<String, VectorIndexFactory> indexes = Map.of(
            Candidate.FLAT, new FlatIndexFactory(),
            Candidate.HNSW, new HnswIndexFactory(),
            Candidate.IVF, new IvfIndexFactory());
    /** The model planner, or rules with the reason the model cannot be used; loaded on first use. */
    private volatile Planner modelPlanner;

    @Override
    public String name() {
        return "axis";
    }

    @Override
    public String description() {
        return "chooses flat, hnsw or ivf (with sq8 or pq) and its search effort per segment for a target recall"
                + " (target_recall, k, memory_budget_mb) with an ONNX cost model; rules where the model cannot load";
    }

    @Override
    public boolean supportsPersistence() {
        return true;
    }

    @Override
    public VectorIndex build(IndexSpec spec, VectorValues values, VectorKernels kernels) {
        AxisParams params = AxisParams.parse(spec.params());
        if (values.dimension() != spec.dimension()) {
            throw new IllegalArgumentException("vectors have dimension " + values.dimension()
                    + " but the index is for dimension " + spec.dimension());
        }
        Choice choice = plan(spec, values, kernels);
        if (values.size() > 0) {
            LOG.log(System.Logger.Level.INFO, () -> "axis: " + values.size() + " vectors: " + choice.describe());
        }
        Map<String, String> buildParams = buildParams(choice.setting().candidate(), params);
        VectorIndexFactory factory = indexes.get(choice.setting().candidate().index());
        VectorIndex chosen = factory.build(new IndexSpec(spec.dimension(), spec.metric(), buildParams), values, kernels);
        return new AxisIndex(chosen, choice, buildParams, factory.supportsPersistence(), values.dimension(), values.size(),
                spec.metric());
    }

    /**
     * What AXIS would choose for {@code values} under {@code spec}, without building it.
     *
     * @throws IllegalArgumentException if {@code spec} has a parameter AXIS does not know
     */
    public Choice plan(IndexSpec spec, VectorValues values, VectorKernels kernels) {
        AxisParams params = AxisParams.parse(spec.params());
        long seed = Long.parseLong(params.passThrough().getOrDefault(AxisParams.SEED, Long.toString(DEFAULT_SEED)).strip());
        SegmentFeatures features = new FeatureSampler(kernels).sample(values, spec.metric(), params.k(), seed);
        Planner planner = params.planner().equals(AxisParams.RULES) ? new RulePlanner("asked for") : modelPlanner();
        return planner.plan(features, params);
    }

    @Override
    public VectorIndex load(IndexSpec spec, VectorValues values, VectorKernels kernels, MemorySegment stored)
            throws IndexFormatException {
        AxisParams.parse(spec.params());
        AxisFormat.Header header = AxisFormat.decode(stored, values.dimension(), values.size(), spec.metric());
        Candidate candidate = header.setting().candidate();
        VectorIndexFactory factory = indexes.get(candidate.index());
        IndexSpec chosenSpec = new IndexSpec(spec.dimension(), spec.metric(), header.params());
        long chosenOffset = AxisFormat.size(stored);
        VectorIndex chosen;
        if (factory.supportsPersistence()) {
            try {
                chosen = factory.load(chosenSpec, values, kernels, stored.asSlice(chosenOffset));
            } catch (IndexFormatException e) {
                throw new IndexFormatException("axis index's " + candidate + " part: " + e.getMessage(), e);
            }
        } else if (stored.byteSize() != chosenOffset) {
            throw new IndexFormatException("axis index of " + candidate + " has " + (stored.byteSize() - chosenOffset)
                    + " bytes after its header, where none belong");
        } else {
            chosen = factory.build(chosenSpec, values, kernels);
        }
        return new AxisIndex(chosen, new Choice(header.setting(), null, header.planner()), header.params(),
                factory.supportsPersistence(), values.dimension(), values.size(), spec.metric());
    }

    /** The chosen index's parameters: the candidate's, then seed and threads, which flat does not take. */
    private static Map<String, String> buildParams(Candidate candidate, AxisParams params) {
        Map<String, String> buildParams = new LinkedHashMap<>(candidate.buildParams());
        if (!candidate.exact()) {
            buildParams.putAll(params.passThrough());
        }
        return buildParams;
    }

    private Planner modelPlanner() {
        Planner planner = modelPlanner;
        if (planner == null) {
            synchronized (this) {
                planner = modelPlanner;
                if (planner == null) {
                    planner = loadModelPlanner();
                    modelPlanner = planner;
                }
            }
        }
        return planner;
    }

    private static Planner loadModelPlanner() {
        try {
            return new ModelPlanner(OnnxCostModel.load(), "onnx");
        } catch (IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "axis: the cost model cannot be used, rules choose instead: " + e.getMessage());
            return new RulePlanner(e.getMessage());
        }
    }
}
