package io.proximadb.index.axis;

import io.proximadb.spi.record.Metric;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What AXIS knows of a segment before it chooses an index for it: its shape, and statistics of
 * its vectors measured on a sample by {@link FeatureSampler}. Together with the k the target
 * recall is stated for, these are the cost model's segment inputs, under the names of
 * {@link #inputs()}, which the sweep's CSV and the model's {@code axis.inputs} metadata share.
 *
 * @param count            vectors in the segment
 * @param dimension        their length
 * @param metric           the collection's metric
 * @param normSpread       the coefficient of variation of the vectors' norms (0: all equal)
 * @param intrinsicDim     the Levina–Bickel maximum-likelihood estimate of the intrinsic
 *                         dimensionality, from each probe's 10 nearest sampled neighbours
 * @param relativeContrast mean distance to a sampled vector over the distance to the nearest
 *                         one, averaged over probes: near 1, nearest neighbours hardly stand out
 *                         and every index needs more effort (He, Kumar and Chang, 2012)
 * @param clusterVariance  the share of the sample's variance left within 16 k-means clusters
 *                         (near 1: no cluster structure; near 0: tight, separated clusters)
 * @param k                the number of neighbours the target recall is measured at
 */
public record SegmentFeatures(int count, int dimension, Metric metric, double normSpread, double intrinsicDim,
                              double relativeContrast, double clusterVariance, int k) {

    /** The model's segment inputs by name, in the order the model takes them. */
    public Map<String, Double> inputs() {
        Map<String, Double> inputs = new LinkedHashMap<>();
        inputs.put("f_log10_count", Math.log10(Math.max(1, count)));
        inputs.put("f_log2_dimension", log2(Math.max(1, dimension)));
        inputs.put("f_metric_l2", metric == Metric.L2 ? 1.0 : 0.0);
        inputs.put("f_metric_cosine", metric == Metric.COSINE ? 1.0 : 0.0);
        inputs.put("f_metric_dot", metric == Metric.DOT ? 1.0 : 0.0);
        inputs.put("f_norm_cv", normSpread);
        inputs.put("f_log2_intrinsic_dim", log2(Math.max(1, intrinsicDim)));
        inputs.put("f_log10_relative_contrast", Math.log10(Math.max(1, relativeContrast)));
        inputs.put("f_cluster_variance_ratio", clusterVariance);
        inputs.put("f_log2_k", log2(Math.max(1, k)));
        return inputs;
    }

    /** The same features for another k. */
    public SegmentFeatures withK(int k) {
        return new SegmentFeatures(count, dimension, metric, normSpread, intrinsicDim, relativeContrast, clusterVariance, k);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
