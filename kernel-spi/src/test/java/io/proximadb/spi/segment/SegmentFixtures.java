package io.proximadb.spi.segment;

import io.proximadb.spi.record.Ids;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.wal.WalEntryArbitraries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random segments for the segment-format contract. A segment gets a small schema of fields, each
 * of one {@link Kind} (typed scalars of low or high cardinality, integral reals that equal
 * integers, arrays, nested objects, mixed types), present in a random share of the records, so
 * that typed columns, dictionaries, bitmap indexes and encoded columns are all exercised. Values
 * come from a seed, so that segments of hundreds of records generate fast; ids, dimension and
 * schema come from jqwik and shrink.
 */
final class SegmentFixtures {

    /** What the values of one field look like. */
    enum Kind {
        LOW_STRINGS, STRINGS, SMALL_INTS, INTS, REALS, INTEGRAL_REALS, BOOLS, ARRAYS, OBJECTS, MIXED_NUMBERS, ANYTHING
    }

    record FieldSpec(String name, Kind kind, int percentPresent) {
    }

    /** A segment to write: its dimension and its records in id order. */
    record SegmentCase(int dimension, List<VectorRecord> records, List<FieldSpec> schema, long seed) {
        @Override
        public String toString() {
            return "SegmentCase[dimension=" + dimension + ", records=" + records.size() + ", schema=" + schema
                    + ", seed=" + seed + ", first=" + (records.isEmpty() ? "-" : records.getFirst()) + "]";
        }
    }

    static final List<String> FIELD_NAMES = List.of(
            "color", "n", "", "a.b", "clé", "\ud83d\ude80", "price", "tags", "x".repeat(200), "nested", "flag", "z");

    private static final List<Value> LOW_STRINGS = List.of(
            new Value.Str(""), new Value.Str("red"), new Value.Str("green"), new Value.Str("blue"),
            new Value.Str("\u00e9t\u00e9"), new Value.Str("\ud83d\ude80x"), new Value.Str("\ue000"));

    private SegmentFixtures() {
    }

    static Arbitrary<SegmentCase> segments() {
        Arbitrary<List<String>> ids = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.<String>of())),
                Tuple.of(6, WalEntryArbitraries.strings().set().ofMinSize(1).ofMaxSize(40).map(SegmentFixtures::sorted)),
                Tuple.of(3, Arbitraries.strings().withCharRange('a', 'f').ofMinLength(1).ofMaxLength(7)
                        .set().ofMinSize(60).ofMaxSize(500).map(SegmentFixtures::sorted)));
        Arbitrary<FieldSpec> field = Combinators.combine(
                        Arbitraries.of(FIELD_NAMES), Arbitraries.of(Kind.class), Arbitraries.of(1, 20, 50, 90, 100))
                .as(FieldSpec::new);
        Arbitrary<List<FieldSpec>> schema = field.list().ofMaxSize(6).uniqueElements(FieldSpec::name);
        return Combinators.combine(Arbitraries.integers().between(1, 24), ids, schema, Arbitraries.longs())
                .as(SegmentFixtures::build);
    }

    private static List<String> sorted(Set<String> ids) {
        List<String> list = new ArrayList<>(ids);
        list.sort(Ids.ORDER);
        return list;
    }

    static SegmentCase build(int dimension, List<String> ids, List<FieldSpec> schema, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<VectorRecord> records = new ArrayList<>(ids.size());
        for (String id : ids) {
            Map<String, Value> metadata = new HashMap<>();
            for (FieldSpec spec : schema) {
                if (random.nextInt(100) < spec.percentPresent()) {
                    metadata.put(spec.name(), value(spec.kind(), random));
                }
            }
            long expiry = random.nextInt(4) == 0 ? 1 + random.nextLong(Long.MAX_VALUE - 1) : VectorRecord.NEVER_EXPIRES;
            records.add(new VectorRecord(id, WalEntryArbitraries.vector(dimension, random.nextLong()),
                    new Value.Obj(metadata), expiry));
        }
        return new SegmentCase(dimension, records, schema, seed);
    }

    static Value value(Kind kind, SplittableRandom random) {
        return switch (kind) {
            case LOW_STRINGS -> LOW_STRINGS.get(random.nextInt(LOW_STRINGS.size()));
            case STRINGS -> new Value.Str(random.nextInt(300) == 0 ? text(random, 20_000) : text(random, 12));
            case SMALL_INTS -> new Value.Int(random.nextInt(-3, 4));
            case INTS -> new Value.Int(switch (random.nextInt(6)) {
                case 0 -> Long.MIN_VALUE;
                case 1 -> Long.MAX_VALUE;
                case 2 -> (1L << 53) + random.nextInt(-2, 3);
                default -> random.nextLong();
            });
            case REALS -> new Value.Real(switch (random.nextInt(6)) {
                case 0 -> -0.0;
                case 1 -> random.nextBoolean() ? Double.MAX_VALUE : -Double.MIN_VALUE;
                case 2 -> 0x1p53 + 2 * random.nextInt(-2, 3);
                default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-5, 12));
            });
            case INTEGRAL_REALS -> new Value.Real(random.nextInt(20) == 0 ? -0.0 : random.nextInt(-3, 4));
            case BOOLS -> random.nextBoolean() ? Value.Bool.TRUE : Value.Bool.FALSE;
            case ARRAYS -> array(random);
            case OBJECTS -> object(random, 3);
            case MIXED_NUMBERS -> random.nextBoolean() ? new Value.Int(random.nextInt(-3, 4)) : new Value.Real(random.nextInt(-3, 4));
            case ANYTHING -> value(Kind.values()[random.nextInt(Kind.ANYTHING.ordinal())], random);
        };
    }

    private static Value array(SplittableRandom random) {
        int size = random.nextInt(100) == 0 ? 5_000 : random.nextInt(6);
        List<Value> elements = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            elements.add(switch (random.nextInt(5)) {
                case 0 -> LOW_STRINGS.get(random.nextInt(LOW_STRINGS.size()));
                case 1 -> new Value.Int(random.nextInt(-3, 4));
                case 2 -> new Value.Real(random.nextInt(-3, 4));
                case 3 -> random.nextBoolean() ? Value.Bool.TRUE : Value.Bool.FALSE;
                default -> random.nextInt(3) == 0 ? new Value.Array(List.of(new Value.Int(1))) : Value.Obj.EMPTY;
            });
        }
        return new Value.Array(elements);
    }

    private static Value.Obj object(SplittableRandom random, int depth) {
        Map<String, Value> fields = new HashMap<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            String key = FIELD_NAMES.get(random.nextInt(FIELD_NAMES.size()));
            fields.put(key, depth > 1 && random.nextInt(3) == 0
                    ? object(random, depth - 1)
                    : value(Kind.values()[random.nextInt(Kind.ARRAYS.ordinal())], random));
        }
        return new Value.Obj(fields);
    }

    /** A well-formed string of up to {@code maxLength} code points from every UTF-8 length class. */
    static String text(SplittableRandom random, int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20, 0x7f);
                case 1 -> random.nextInt(0x80, 0x800);
                case 2 -> random.nextInt(0xe000, 0x10000);
                default -> random.nextInt(0x10000, Character.MAX_CODE_POINT + 1);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }
}
