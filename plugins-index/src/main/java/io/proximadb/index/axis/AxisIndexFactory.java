package io.proximadb.index.axis;

import io.proximadb.index.flat.FlatIndexFactory;
import io.proximadb.index.hnsw.AdaptiveSearch;
import io.proximadb.index.hnsw.HnswIndexFactory;
import io.proximadb.index.ivf.IvfIndexFactory;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.QueryWorkload;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code axis} index: for each segment, AXIS measures the vectors' features on a sample,
 * predicts with its ONNX cost model the recall, latency, build time and memory of every candidate
 * configuration at every effort, and builds the cheapest that meets the collection's target recall
 * within its memory budget; then checks the built index on queries sampled from the segment and
 * settles the effort that reaches the target, or, on hnsw, lets each query choose its width with
 * the per-query model where that is faster (docs/axis.md). Where a model cannot be used (ONNX
 * Runtime cannot load, the model is missing or does not match), documented rules choose instead,
 * or the effort stays fixed, and the log and every choice say so.
 */
public final class AxisIndexFactory implements VectorIndexFactory {

    private static final System.Logger LOG = System.getLogger(AxisIndexFactory.class.getName());
    static final long DEFAULT_SEED = 42;
    /** Segments smaller than this are not calibrated: too few vectors to sample, and searched in microseconds anyway. */
    static final int CALIBRATE_FROM = 1000;

    private final Map<String, VectorIndexFactory> indexes = Map.of(
            Candidate.FLAT, new FlatIndexFactory(),
            Candidate.HNSW, new HnswIndexFactory(),
            Candidate.IVF, new IvfIndexFactory());
    /** The models' class-path resources, beside this class. */
    private final String configModel;
    private final String perQueryModel;
    /** Loaded on first use: the model planner (or rules with the reason), and the per-query model if it loads. */
    private volatile Planner modelPlanner;
    private volatile Optional<QueryModel> queryModel;

    public AxisIndexFactory() {
        this(OnnxCostModel.RESOURCE, QueryModel.RESOURCE);
    }

    /** With other model files, for tests of what happens when they are missing or wrong. */
    AxisIndexFactory(String configModel, String perQueryModel) {
        this.configModel = configModel;
        this.perQueryModel = perQueryModel;
    }

    @Override
    public String name() {
        return "axis";
    }

    @Override
    public String description() {
        return "chooses flat, hnsw or ivf (with sq8 or pq) and its search effort per segment for a target recall"
                + " (target_recall, k, memory_budget_mb) with an ONNX cost model, calibrated on the built index;"
                + " per-query widths on hnsw; rules where the model cannot load";
    }

    @Override
    public boolean supportsPersistence() {
        return true;
    }

    @Override
    public VectorIndex build(IndexSpec spec, VectorValues values, VectorKernels kernels) {
        return build(spec, values, kernels, QueryWorkload.NONE);
    }

    @Override
    public VectorIndex build(IndexSpec spec, VectorValues values, VectorKernels kernels, QueryWorkload workload) {
        AxisParams params = AxisParams.parse(spec.params());
        if (values.dimension() != spec.dimension()) {
            throw new IllegalArgumentException("vectors have dimension " + values.dimension()
                    + " but the index is for dimension " + spec.dimension());
        }
        Choice choice = plan(spec, values, kernels, workload);
        Candidate candidate = choice.setting().candidate();
        int k = choice.features().k();
        Map<String, String> buildParams = buildParams(candidate, params);
        VectorIndexFactory factory = indexes.get(candidate.family());
        VectorIndex chosen = factory.build(new IndexSpec(spec.dimension(), spec.metric(), buildParams), values, kernels);
        QueryModel.Bound adaptive = null;
        try {
            Tuner tuner = new Tuner(chosen, candidate, params, k);
            Tuning tuning = Tuning.fixed(choice.setting().effort());
            if (params.calibrate() && !candidate.exact() && values.size() >= CALIBRATE_FROM) {
                Calibration calibration = Calibration.sample(values, spec.metric(), kernels, k, seed(params));
                tuning = tuner.calibrate(calibration, choice.setting().effort());
                if (params.adaptive() && adaptiveApplies(chosen, spec.metric()) && queryModel().isPresent()) {
                    adaptive = queryModel().get().bind(choice.features(), candidate.m());
                    tuning = tuner.calibrateAdaptive(calibration, tuning, adaptive);
                }
            } else if (params.adaptive() && adaptiveApplies(chosen, spec.metric()) && queryModel().isPresent()) {
                // Not calibrated: searches keep the planned effort, and a query may still ask for per-query widths.
                adaptive = queryModel().get().bind(choice.features(), candidate.m());
            }
            AxisFormat.Header header = new AxisFormat.Header(choice.features(), candidate, choice.planner(), tuning,
                    buildParams);
            AxisIndex index = new AxisIndex(chosen, choice, tuning, header, factory.supportsPersistence(), adaptive);
            if (values.size() > 0) {
                double recall = tuning.measuredRecall();
                LOG.log(System.Logger.Level.INFO, () -> "axis: " + values.size() + " vectors: " + choice.describe()
                        + "; searched as " + index.describe() + (Double.isNaN(recall) ? ", not calibrated"
                        : String.format(java.util.Locale.ROOT, ", calibrated recall >= %.3f", recall)));
            }
            return index;
        } catch (RuntimeException | Error e) {
            chosen.close();
            if (adaptive != null) {
                adaptive.close();
            }
            throw e;
        }
    }

    /**
     * What AXIS would choose for {@code values} under {@code spec}, for searches like
     * {@code workload}, before building and calibrating.
     *
     * @throws IllegalArgumentException if {@code spec} has a parameter AXIS does not know
     */
    public Choice plan(IndexSpec spec, VectorValues values, VectorKernels kernels, QueryWorkload workload) {
        AxisParams params = AxisParams.parse(spec.params());
        SegmentFeatures features = new FeatureSampler(kernels).sample(values, spec.metric(), params.k(workload),
                seed(params));
        if (values.size() == 0) {
            // Nothing to plan for (the engine checks a collection's parameters on an empty index):
            // no reason to start ONNX Runtime on the thread that creates or opens the collection.
            Candidate first = params.candidates().getFirst();
            return new Choice(new Setting(first, first.efforts(features.k()).getFirst()), null, "no vectors", features);
        }
        Planner planner = params.planner().equals(AxisParams.RULES) ? new RulePlanner("asked for") : modelPlanner();
        return planner.plan(features, params, workload);
    }

    @Override
    public VectorIndex load(IndexSpec spec, VectorValues values, VectorKernels kernels, MemorySegment stored)
            throws IndexFormatException {
        AxisParams params = AxisParams.parse(spec.params());
        AxisFormat.Header header = AxisFormat.decode(stored, values.dimension(), values.size(), spec.metric());
        Candidate candidate = header.candidate();
        VectorIndexFactory factory = indexes.get(candidate.family());
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
        Tuning tuning = header.tuning();
        QueryModel.Bound adaptive = null;
        if (params.adaptive() && adaptiveApplies(chosen, spec.metric()) && queryModel().isPresent()) {
            adaptive = queryModel().get().bind(header.features(), candidate.m());
        } else if (tuning.adaptive()) {
            tuning = Tuning.fixed(tuning.effort()); // the calibrated fixed effort still meets the target
        }
        Choice choice = new Choice(new Setting(candidate, tuning.effort()), null, header.planner(), header.features());
        return new AxisIndex(chosen, choice, tuning, header, factory.supportsPersistence(), adaptive);
    }

    /** The chosen index's parameters: the candidate's, then seed and threads, which flat does not take. */
    private static Map<String, String> buildParams(Candidate candidate, AxisParams params) {
        Map<String, String> buildParams = new LinkedHashMap<>(candidate.buildParams());
        if (!candidate.exact()) {
            buildParams.putAll(params.passThrough());
        }
        return buildParams;
    }

    /** Per-query widths serve hnsw's float32 walk on the metrics the per-query model was trained on. */
    private static boolean adaptiveApplies(VectorIndex chosen, Metric metric) {
        return chosen instanceof AdaptiveSearch search && search.adaptive() && (metric == Metric.L2 || metric == Metric.COSINE);
    }

    private static long seed(AxisParams params) {
        return Long.parseLong(params.passThrough().getOrDefault(AxisParams.SEED, Long.toString(DEFAULT_SEED)).strip());
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

    private Planner loadModelPlanner() {
        try {
            return new ModelPlanner(new OnnxCostModel(OnnxModel.loadResource(configModel)), "onnx");
        } catch (IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "axis: the cost model cannot be used, rules choose instead: " + e.getMessage());
            return new RulePlanner(e.getMessage());
        }
    }

    private Optional<QueryModel> queryModel() {
        Optional<QueryModel> model = queryModel;
        if (model == null) {
            synchronized (this) {
                model = queryModel;
                if (model == null) {
                    try {
                        model = Optional.of(new QueryModel(OnnxModel.loadResource(perQueryModel)));
                    } catch (IllegalStateException e) {
                        LOG.log(System.Logger.Level.WARNING, "axis: the per-query model cannot be used, searches keep a"
                                + " fixed effort: " + e.getMessage());
                        model = Optional.empty();
                    }
                    queryModel = model;
                }
            }
        }
        return model;
    }
}
