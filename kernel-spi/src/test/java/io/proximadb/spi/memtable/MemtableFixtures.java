package io.proximadb.spi.memtable;

import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Records and ids for memtable tests, and reusable by any suite that needs them (segment formats,
 * WAL strategies). Everything is derived from a seed, so a failure replays.
 */
public final class MemtableFixtures {

    /** Small vectors keep tests fast; memtables never look inside them. */
    public static final int DIMENSION = 4;

    /**
     * Ids at the corners of {@link io.proximadb.spi.record.Ids#ORDER}: the empty id, ids that are
     * prefixes of each other, a NUL, Latin-1, CJK, a private-use character above the surrogate
     * range (where UTF-16 order and code point order disagree) and supplementary characters,
     * stored as surrogate pairs.
     */
    public static final List<String> TRICKY_IDS = List.of(
            "", "a", "a\u0000", "ab", "abc", "abd", "b", "B", "Z", "~",
            "\u00e9", "\u00ff", "\u00e9t\u00e9", "\u4e2d", "\u4e2d\u6587",
            "\ue000", "\uffff", "\ud83d\ude00", "\ud83d\ude00a", "\ud800\udc00", "\udbff\udfff",
            "a\ud83d\ude00", "a\ue000");

    /** Pieces of the small-alphabet ids: few enough that random ids collide often. */
    private static final List<String> PIECES = List.of("a", "b", "ab", "\u00e9", "\ue000", "\ud83d\ude00");

    private MemtableFixtures() {
    }

    /** Ids of one or two pieces of a six-piece alphabet (42 ids), so that writes collide. */
    public static Arbitrary<String> smallIds() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(2).map(pieces -> String.join("", pieces));
    }

    /** A record of {@link #DIMENSION} dimensions with zero to three random metadata fields. */
    public static VectorRecord record(String id, Random random) {
        float[] vector = new float[DIMENSION];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = random.nextFloat() * 2 - 1;
        }
        Map<String, Value> fields = new LinkedHashMap<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            fields.put("f" + random.nextInt(5), value(random, 1));
        }
        long expiry = random.nextInt(8) == 0 ? 1_700_000_000_000L + random.nextInt(1_000_000) : VectorRecord.NEVER_EXPIRES;
        return new VectorRecord(id, vector, new Value.Obj(fields), expiry);
    }

    /** A record whose content is a function of {@code (id, sequence)} alone. */
    public static VectorRecord record(String id, long sequence) {
        return record(id, new Random(sequence * 31 + id.hashCode()));
    }

    /** An upsert entry whose record is a function of {@code (id, sequence)}. */
    public static MemtableEntry upsert(String id, long sequence) {
        return MemtableEntry.upsert(sequence, record(id, sequence));
    }

    private static Value value(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 6 : 4)) {
            case 0 -> new Value.Str("s" + random.nextInt(1000));
            case 1 -> new Value.Int(random.nextLong());
            case 2 -> new Value.Real(random.nextDouble());
            case 3 -> random.nextBoolean() ? Value.Bool.TRUE : Value.Bool.FALSE;
            case 4 -> new Value.Array(List.of(value(random, depth - 1), value(random, depth - 1)));
            default -> new Value.Obj(Map.of("n", value(random, depth - 1)));
        };
    }
}
