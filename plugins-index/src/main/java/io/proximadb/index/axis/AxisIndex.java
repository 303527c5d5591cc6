package io.proximadb.index.axis;

import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.record.Metric;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * An {@code axis} index: the index AXIS chose for the segment, searched at the chosen effort unless
 * the query names its own ({@code ef} for hnsw, {@code nprobe} for ivf); every other per-query
 * parameter goes to the chosen index as it is. Persisted as the choice's header followed by the
 * chosen index's own bytes.
 */
public final class AxisIndex implements VectorIndex {

    private final VectorIndex chosen;
    private final Choice choice;
    private final Map<String, String> buildParams;
    private final boolean chosenPersists;
    private final int dimension;
    private final int count;
    private final Metric metric;

    AxisIndex(VectorIndex chosen, Choice choice, Map<String, String> buildParams, boolean chosenPersists, int dimension,
              int count, Metric metric) {
        this.chosen = chosen;
        this.dimension = dimension;
        this.count = count;
        this.metric = metric;
        this.choice = choice;
        this.buildParams = Map.copyOf(buildParams);
        this.chosenPersists = chosenPersists;
    }

    /** What was chosen for this segment, and by which planner. */
    public Choice choice() {
        return choice;
    }

    @Override
    public List<Neighbor> search(float[] query, int k, IntPredicate accept, Map<String, String> params) {
        String knob = choice.setting().candidate().knob();
        if (knob == null || params.containsKey(knob)) {
            return chosen.search(query, k, accept, params);
        }
        Map<String, String> withEffort = new HashMap<>(params);
        withEffort.put(knob, Integer.toString(Math.max(choice.setting().effort(), knob.equals("ef") ? k : 1)));
        return chosen.search(query, k, accept, withEffort);
    }

    @Override
    public long writeTo(WritableByteChannel out) throws IOException {
        ByteBuffer header = AxisFormat.encode(new AxisFormat.Header(dimension, count, metric, choice.setting(),
                choice.planner(), buildParams));
        long written = header.remaining();
        while (header.hasRemaining()) {
            out.write(header);
        }
        // flat keeps nothing but the vectors: it is built again on load, at no cost worth storing.
        return chosenPersists ? written + chosen.writeTo(out) : written;
    }

    @Override
    public long memoryBytes() {
        return chosen.memoryBytes();
    }

    @Override
    public void close() {
        chosen.close();
    }
}
