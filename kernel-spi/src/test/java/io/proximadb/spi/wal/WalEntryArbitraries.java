package io.proximadb.spi.wal;

import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.StringArbitrary;

/**
 * jqwik generators for every {@link WalEntry} kind, shared by the WAL codec contract suite and by
 * the kernel's log tests.
 *
 * <p>The generators aim at the corners a binary codec gets wrong: empty and 512-byte strings,
 * supplementary code points, dimensions from 1 to 2048, negative zero, subnormals, the largest and
 * smallest finite floats, {@code Long.MIN_VALUE}/{@code MAX_VALUE} in metadata and sequences, and
 * nested metadata. Strings are always well-formed Unicode (no unpaired surrogates), as the engine
 * guarantees for everything it logs. NaN is never generated: the engine never logs it.
 *
 * <p>Thread safety: stateless; every method returns a new immutable arbitrary.
 */
public final class WalEntryArbitraries {

    /** The largest vector dimension generated; large enough to cross any buffer boundary. */
    public static final int MAX_DIMENSION = 2048;

    private static final float[] SPECIAL_FLOATS = {
        0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
        Float.intBitsToFloat(0x007f_ffff), Float.MAX_VALUE, -Float.MAX_VALUE, 0.1f, 1e-30f
    };

    private WalEntryArbitraries() {
    }

    /** Any entry, every kind equally likely. */
    public static Arbitrary<WalEntry> entries() {
        return Arbitraries.oneOf(upserts(), deletes(), batchBegins(), batchCommits(), creates(), drops());
    }

    public static Arbitrary<WalEntry> upserts() {
        return Combinators.combine(sequences(), strings(), records())
                .as(WalEntry.Upsert::new);
    }

    public static Arbitrary<WalEntry> deletes() {
        return Combinators.combine(sequences(), strings(), strings()).as(WalEntry.Delete::new);
    }

    public static Arbitrary<WalEntry> batchBegins() {
        return Combinators.combine(sequences(), strings(), Arbitraries.integers().greaterOrEqual(0))
                .as(WalEntry.BatchBegin::new);
    }

    public static Arbitrary<WalEntry> batchCommits() {
        return Combinators.combine(sequences(), strings(), sequences()).as(WalEntry.BatchCommit::new);
    }

    public static Arbitrary<WalEntry> creates() {
        return Combinators.combine(sequences(), specs()).as(WalEntry.CreateCollection::new);
    }

    public static Arbitrary<WalEntry> drops() {
        return Combinators.combine(sequences(), strings()).as(WalEntry.DropCollection::new);
    }

    /** Any long: the log assigns non-negative numbers, but a codec must not care. */
    public static Arbitrary<Long> sequences() {
        return Arbitraries.longs();
    }

    public static Arbitrary<VectorRecord> records() {
        Arbitrary<Long> expiry = Arbitraries.oneOf(
                Arbitraries.just(VectorRecord.NEVER_EXPIRES), Arbitraries.longs().greaterOrEqual(0));
        return Combinators.combine(strings(), vectors(), objects(3), expiry).as(VectorRecord::new);
    }

    public static Arbitrary<CollectionSpec> specs() {
        return Combinators.combine(
                        strings(),
                        Arbitraries.integers().greaterOrEqual(1),
                        Arbitraries.of(Metric.class),
                        strings(),
                        strings(),
                        strings(),
                        Arbitraries.maps(strings(), strings()).ofMaxSize(6))
                .as(CollectionSpec::new);
    }

    /**
     * Vectors of dimension 1 to {@link #MAX_DIMENSION}. Built from a seed rather than element by
     * element, so that generating thousands of 2048-float vectors stays fast; the dimension still
     * shrinks.
     */
    public static Arbitrary<float[]> vectors() {
        return Combinators.combine(Arbitraries.integers().between(1, MAX_DIMENSION), Arbitraries.longs())
                .as(WalEntryArbitraries::vector);
    }

    /** A vector whose elements mix special values with random finite bit patterns. */
    public static float[] vector(int dimension, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            if (random.nextInt(4) == 0) {
                vector[i] = SPECIAL_FLOATS[random.nextInt(SPECIAL_FLOATS.length)];
            } else {
                float value;
                do {
                    value = Float.intBitsToFloat(random.nextInt());
                } while (!Float.isFinite(value));
                vector[i] = value;
            }
        }
        return vector;
    }

    /** Metadata objects nested at most {@code depth} levels below the top. */
    public static Arbitrary<Value.Obj> objects(int depth) {
        return Arbitraries.maps(keys(), values(depth)).ofMaxSize(5).map(Value.Obj::new);
    }

    /** Any metadata value; containers nest at most {@code depth} levels. */
    public static Arbitrary<Value> values(int depth) {
        Arbitrary<Value> scalars = Arbitraries.oneOf(
                strings().map(Value.Str::new),
                Arbitraries.longs().map(Value.Int::new),
                Arbitraries.doubles().map(Value.Real::new),
                Arbitraries.of(Value.Bool.TRUE, Value.Bool.FALSE));
        if (depth <= 0) {
            return scalars;
        }
        Arbitrary<Value> arrays = values(depth - 1).list().ofMaxSize(4).map(Value.Array::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, scalars),
                net.jqwik.api.Tuple.of(1, arrays),
                net.jqwik.api.Tuple.of(1, objects(depth - 1)));
    }

    /**
     * Strings of at most {@link io.proximadb.spi.record.Ids#MAX_ID_BYTES} UTF-8 bytes: empty, ASCII
     * up to the full 512 bytes, and any well-formed mix of 1- to 4-byte code points.
     */
    public static Arbitrary<String> strings() {
        Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(512);
        Arbitrary<String> unicode = codePoints().list().ofMaxSize(128).map(points -> {
            StringBuilder text = new StringBuilder();
            points.forEach(text::appendCodePoint);
            return text.toString();
        });
        return Arbitraries.oneOf(Arbitraries.just(""), ascii, unicode);
    }

    private static Arbitrary<String> keys() {
        StringArbitrary ascii = Arbitraries.strings().alpha().numeric().withChars("._-").ofMaxLength(12);
        return Arbitraries.oneOf(ascii, strings());
    }

    private static Arbitrary<Integer> codePoints() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0x7f),
                Arbitraries.integers().between(0x80, 0x7ff),
                Arbitraries.integers().between(0x800, 0xffff).filter(cp -> !Character.isSurrogate((char) cp.intValue())),
                Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT));
    }
}
