package io.proximadb.kernel.engine;

import io.proximadb.kernel.filter.Filter;
import io.proximadb.kernel.filter.Operator;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.segment.FieldStats;
import io.proximadb.spi.segment.Segment;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Evaluates a filter over a segment to the set of matching ordinals. Conditions the segment can
 * answer from its indexes (equality on a bitmap-indexed field, a numeric range on a sorted
 * column) cost no record decoding; the rest are evaluated record by record, but only on the
 * ordinals still possible: an {@code And} runs its most selective parts first (by the segment's
 * field statistics) and hands the survivors to the next.
 */
final class SegmentFilter {

    private final Segment segment;

    private SegmentFilter(Segment segment) {
        this.segment = segment;
    }

    /** The ordinals of {@code segment} whose metadata matches {@code filter}. */
    static BitSet matching(Filter filter, Segment segment) {
        BitSet all = new BitSet(segment.count());
        all.set(0, segment.count());
        return new SegmentFilter(segment).evaluate(filter, all);
    }

    /** The estimated fraction of the segment's records that match, from its field statistics. */
    static double selectivity(Filter filter, Segment segment) {
        return new SegmentFilter(segment).estimate(filter);
    }

    /** The ordinals in {@code within} that match. {@code within} is not modified. */
    private BitSet evaluate(Filter filter, BitSet within) {
        BitSet indexed = fromIndex(filter);
        if (indexed != null) {
            indexed.and(within);
            return indexed;
        }
        return switch (filter) {
            case Filter.All all -> (BitSet) within.clone();
            case Filter.And and -> {
                List<Filter> parts = new ArrayList<>(and.filters());
                parts.sort(Comparator.comparingDouble(this::estimate));
                BitSet result = (BitSet) within.clone();
                for (Filter part : parts) {
                    if (result.isEmpty()) {
                        break;
                    }
                    result = evaluate(part, result);
                }
                yield result;
            }
            case Filter.Or or -> {
                BitSet result = new BitSet(segment.count());
                BitSet remaining = (BitSet) within.clone();
                for (Filter part : or.filters()) {
                    BitSet matched = evaluate(part, remaining);
                    result.or(matched);
                    remaining.andNot(matched);
                }
                yield result;
            }
            case Filter.Not not -> {
                BitSet result = (BitSet) within.clone();
                result.andNot(evaluate(not.filter(), within));
                yield result;
            }
            default -> recordByRecord(filter, within);
        };
    }

    private BitSet recordByRecord(Filter filter, BitSet within) {
        BitSet result = new BitSet(segment.count());
        for (int ordinal = within.nextSetBit(0); ordinal >= 0; ordinal = within.nextSetBit(ordinal + 1)) {
            if (filter.matches(segment.metadata(ordinal))) {
                result.set(ordinal);
            }
        }
        return result;
    }

    /** The matches straight from the segment's indexes, or {@code null} if they cannot answer. */
    private BitSet fromIndex(Filter filter) {
        return switch (filter) {
            case Filter.Compare compare when isTopLevel(compare.path()) && isScalar(compare.operand()) ->
                    compare.operator() == Operator.EQ
                            ? segment.equalTo(compare.path(), compare.operand())
                            : isNumber(compare.operand()) ? range(compare) : null;
            case Filter.In in when isTopLevel(in.path()) && in.candidates().stream().allMatch(SegmentFilter::isScalar) -> {
                BitSet union = new BitSet(segment.count());
                for (Value candidate : in.candidates()) {
                    BitSet matched = segment.equalTo(in.path(), candidate);
                    if (matched == null) {
                        yield null;
                    }
                    union.or(matched);
                }
                yield union;
            }
            default -> null;
        };
    }

    private BitSet range(Filter.Compare compare) {
        Value operand = compare.operand();
        return switch (compare.operator()) {
            case GT -> segment.range(compare.path(), operand, false, null, false);
            case GTE -> segment.range(compare.path(), operand, true, null, false);
            case LT -> segment.range(compare.path(), null, false, operand, false);
            case LTE -> segment.range(compare.path(), null, false, operand, true);
            case EQ -> segment.equalTo(compare.path(), operand);
        };
    }

    private double estimate(Filter filter) {
        return switch (filter) {
            case Filter.All all -> 1.0;
            case Filter.And and -> and.filters().stream().mapToDouble(this::estimate).min().orElse(1.0);
            case Filter.Or or -> Math.min(1.0, or.filters().stream().mapToDouble(this::estimate).sum());
            case Filter.Not not -> 1.0 - estimate(not.filter());
            case Filter.Compare compare -> estimateCompare(compare);
            case Filter.In in -> Math.min(1.0, in.candidates().size()
                    * estimateCompare(new Filter.Compare(in.path(), Operator.EQ, in.candidates().getFirst())));
            case Filter.Exists exists -> {
                FieldStats stats = stats(exists.path());
                double present = stats == null ? 0.0 : (double) stats.present() / Math.max(1, segment.count());
                yield exists.expected() ? present : 1.0 - present;
            }
        };
    }

    private double estimateCompare(Filter.Compare compare) {
        FieldStats stats = stats(compare.path());
        if (stats == null) {
            return isTopLevel(compare.path()) ? 0.0 : 0.5; // a top-level field absent from the segment matches nothing
        }
        double present = (double) stats.present() / Math.max(1, segment.count());
        if (compare.operator() == Operator.EQ) {
            if (stats.bitmapIndexed() && isTopLevel(compare.path()) && isScalar(compare.operand())) {
                // The bitmap is at hand and exact: its cardinality is the answer, not an estimate.
                BitSet matches = segment.equalTo(compare.path(), compare.operand());
                if (matches != null) {
                    return (double) matches.cardinality() / Math.max(1, segment.count());
                }
            }
            return present / Math.max(1, stats.distinctEstimate());
        }
        if (stats.min() instanceof Value min && stats.max() instanceof Value max && isNumber(min) && isNumber(max)
                && isNumber(compare.operand())) {
            double low = number(min);
            double high = number(max);
            double at = number(compare.operand());
            double below = high > low ? Math.clamp((at - low) / (high - low), 0.0, 1.0) : 0.5;
            boolean greater = compare.operator() == Operator.GT || compare.operator() == Operator.GTE;
            return present * (greater ? 1.0 - below : below);
        }
        return present / 2;
    }

    private FieldStats stats(String path) {
        return isTopLevel(path) ? segment.fieldStats().get(path) : segment.fieldStats().get(path.substring(0, path.indexOf('.')));
    }

    private static boolean isTopLevel(String path) {
        return path.indexOf('.') < 0;
    }

    private static boolean isScalar(Value value) {
        return value instanceof Value.Str || isNumber(value) || value instanceof Value.Bool;
    }

    private static boolean isNumber(Value value) {
        return value instanceof Value.Int || value instanceof Value.Real;
    }

    private static double number(Value value) {
        return value instanceof Value.Int i ? i.value() : ((Value.Real) value).value();
    }
}
