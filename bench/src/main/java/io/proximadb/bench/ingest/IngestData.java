package io.proximadb.bench.ingest;

import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The records the ingest benchmark writes: record {@code i} has id {@code v<i>}, a uniform random
 * vector seeded by {@code i} (so any process can rebuild it to check an answer) and two small
 * metadata fields.
 */
final class IngestData {

    private static final String[] CATEGORIES = {"news", "sports", "science", "arts", "travel", "food", "tech", "health"};

    private IngestData() {
    }

    static String id(long i) {
        return "v" + i;
    }

    static float[] vector(long i, int dimension) {
        SplittableRandom random = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        float[] vector = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            vector[d] = (float) random.nextDouble(-1, 1);
        }
        return vector;
    }

    static VectorRecord record(long i, int dimension) {
        return new VectorRecord(id(i), vector(i, dimension), new Value.Obj(Map.of(
                "category", new Value.Str(CATEGORIES[(int) (i % CATEGORIES.length)]),
                "rank", new Value.Int(i % 1000))));
    }

    /** The bytes a record carries as the user sees them: its vector and its id. */
    static long rawBytes(long i, int dimension) {
        return dimension * 4L + id(i).length();
    }
}
