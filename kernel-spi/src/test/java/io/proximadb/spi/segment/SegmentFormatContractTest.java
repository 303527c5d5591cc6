package io.proximadb.spi.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.segment.SegmentFixtures.SegmentCase;
import io.proximadb.spi.wal.WalEntryArbitraries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What every {@link SegmentFormat} must do. A format's test extends this class and implements
 * {@link #format()} and {@link #openFileSystem}; it may override {@link #options} to run the
 * suite under each of its settings. The format is done when this suite is green for it.
 *
 * <p>Properties write random segments (every value type, nested objects, arrays, empty and huge
 * values, unicode ids, with and without expiries, 0 to 500 records) and check that every record
 * reads back exactly, that ids are found and absent ids are not, that the vector column is the
 * input bit for bit and 64-byte aligned, and that statistics, {@code equalTo} and {@code range}
 * agree with a record-by-record evaluation ({@link SegmentOracle}) whenever they answer. The
 * writer's rules, deletion files and damaged files are checked by {@link SegmentFileContract}.
 */
public abstract class SegmentFormatContractTest extends SegmentFileContract {

    private static final List<Value> PROBES = List.of(
            new Value.Str(""), new Value.Str("red"), new Value.Str("absent"), new Value.Str("\ud83d\ude80x"),
            new Value.Int(0), new Value.Int(3), new Value.Int(-3), new Value.Int(Long.MAX_VALUE), new Value.Int((1L << 53) + 1),
            new Value.Real(3.0), new Value.Real(0.0), new Value.Real(-0.0), new Value.Real(2.5), new Value.Real(0x1p53),
            Value.Bool.TRUE, Value.Bool.FALSE,
            new Value.Array(List.of(new Value.Str("red"))), new Value.Array(List.of()), Value.Obj.EMPTY);

    @Provide
    Arbitrary<SegmentCase> segments() {
        return SegmentFixtures.segments();
    }

    private String write(SegmentCase segment) throws IOException {
        return write(segment.records(), options(segment.dimension()));
    }

    // ---- properties -------------------------------------------------------------------------

    @Property(tries = 40)
    void everyRecordReadsBackAsWritten(@ForAll("segments") SegmentCase c) throws IOException {
        String path = write(c);
        List<VectorRecord> records = c.records();
        try (Segment segment = format().open(fs, path)) {
            assertThat(segment.path()).isEqualTo(path);
            assertThat(segment.count()).isEqualTo(records.size());
            assertThat(segment.dimension()).isEqualTo(c.dimension());
            assertThat(segment.sizeBytes()).isEqualTo(fs.size(path));
            assertThat(segment.hasExpiries())
                    .isEqualTo(records.stream().anyMatch(r -> r.expiresAtMillis() != VectorRecord.NEVER_EXPIRES));
            VectorValues vectorValues = segment.vectorValues();
            assertThat(vectorValues.size()).isEqualTo(records.size());
            assertThat(vectorValues.dimension()).isEqualTo(c.dimension());
            for (int ordinal = 0; ordinal < records.size(); ordinal++) {
                VectorRecord expected = records.get(ordinal);
                assertThat(segment.record(ordinal)).isEqualTo(expected);
                assertThat(segment.id(ordinal)).isEqualTo(expected.id());
                assertThat(segment.ordinalOf(expected.id())).isEqualTo(ordinal);
                assertThat(segment.metadata(ordinal)).isEqualTo(expected.metadata());
                assertThat(segment.expiresAt(ordinal)).isEqualTo(expected.expiresAtMillis());
                assertThat(vectorValues.vector(ordinal)).isEqualTo(expected.vector());
            }
            assertVectors(segment, records, c.dimension());
            Set<String> ids = new HashSet<>();
            records.forEach(r -> ids.add(r.id()));
            for (String id : records.stream().map(VectorRecord::id).toList()) {
                for (String absent : List.of(id + "\u0000", id + "\uffff", id.isEmpty() ? "\u0000" : id.substring(1))) {
                    if (!ids.contains(absent)) {
                        assertThat(segment.ordinalOf(absent)).as("ordinalOf(%s)", absent).isEqualTo(-1);
                    }
                }
            }
            for (String absent : List.of("", "\ud800", "\uffff\uffff", "\udbff\udfff")) {
                if (!ids.contains(absent)) {
                    assertThat(segment.ordinalOf(absent)).as("ordinalOf(%s)", absent).isEqualTo(-1);
                }
            }
        }
    }

    @Property(tries = 25)
    void fieldStatsMatchBruteForce(@ForAll("segments") SegmentCase c) throws IOException {
        try (Segment segment = format().open(fs, write(c))) {
            Map<String, FieldStats> expected = SegmentOracle.stats(c.records());
            Map<String, FieldStats> actual = segment.fieldStats();
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            expected.forEach((name, want) -> {
                FieldStats got = actual.get(name);
                assertThat(got.field()).isEqualTo(name);
                assertThat(got.type()).as("type of %s", name).isEqualTo(want.type());
                assertThat(got.present()).as("present of %s", name).isEqualTo(want.present());
                assertThat(got.min()).as("min of %s", name).isEqualTo(want.min());
                assertThat(got.max()).as("max of %s", name).isEqualTo(want.max());
                if (want.distinctEstimate() <= 16) {
                    assertThat(got.distinctEstimate()).as("distinct of %s", name).isEqualTo(want.distinctEstimate());
                } else {
                    assertThat((double) got.distinctEstimate()).as("distinct of %s", name)
                            .isCloseTo(want.distinctEstimate(), within(want.distinctEstimate() * 0.05));
                }
            });
        }
    }

    @Property(tries = 40)
    void equalToAgreesWithBruteForceWhenItAnswers(@ForAll("segments") SegmentCase c) throws IOException {
        try (Segment segment = format().open(fs, write(c))) {
            checkEqualTo(segment, c);
        }
    }

    @Property(tries = 25)
    void rangeAgreesWithBruteForceWhenItAnswers(@ForAll("segments") SegmentCase c) throws IOException {
        try (Segment segment = format().open(fs, write(c))) {
            SplittableRandom random = new SplittableRandom(c.seed());
            for (String field : fieldsToProbe(c)) {
                List<Value> numbers = probes(c, field, random).stream().filter(SegmentOracle::isNumber).toList();
                FieldStats stats = segment.fieldStats().get(field);
                for (int i = 0; i < 20; i++) {
                    Value lower = random.nextInt(4) == 0 ? null : numbers.get(random.nextInt(numbers.size()));
                    Value upper = random.nextInt(4) == 0 ? null : numbers.get(random.nextInt(numbers.size()));
                    boolean lowerInclusive = random.nextBoolean();
                    boolean upperInclusive = random.nextBoolean();
                    BitSet actual = segment.range(field, lower, lowerInclusive, upper, upperInclusive);
                    String query = field + " in " + (lowerInclusive ? "[" : "(") + lower + ", " + upper + (upperInclusive ? "]" : ")");
                    if (stats != null && (stats.type() == FieldType.INT || stats.type() == FieldType.REAL)) {
                        assertThat(actual).as("%s must be answered from the sorted layout", query).isNotNull();
                    }
                    if (actual != null) {
                        assertThat(actual).as(query).isEqualTo(
                                SegmentOracle.range(c.records(), field, lower, lowerInclusive, upper, upperInclusive));
                    }
                }
            }
        }
    }

    @Property(tries = 15)
    void withoutBitmapIndexesAnswersStayCorrect(@ForAll("segments") SegmentCase c) throws IOException {
        SegmentWriteOptions base = options(c.dimension());
        SegmentWriteOptions noIndexes = new SegmentWriteOptions(c.dimension(), base.compression(), base.compressionLevel(), 0);
        try (Segment segment = format().open(fs, write(c.records(), noIndexes))) {
            assertThat(segment.fieldStats().values()).noneMatch(FieldStats::bitmapIndexed);
            checkEqualTo(segment, c);
        }
    }

    private void checkEqualTo(Segment segment, SegmentCase c) {
        SplittableRandom random = new SplittableRandom(c.seed());
        for (String field : fieldsToProbe(c)) {
            FieldStats stats = segment.fieldStats().get(field);
            for (Value probe : probes(c, field, random)) {
                BitSet actual = segment.equalTo(field, probe);
                boolean scalar = !(probe instanceof Value.Array) && !(probe instanceof Value.Obj);
                if (stats != null && stats.bitmapIndexed() && scalar) {
                    assertThat(actual).as("%s = %s on a bitmap-indexed field", field, probe).isNotNull();
                }
                if (actual != null) {
                    assertThat(actual).as("%s = %s", field, probe).isEqualTo(SegmentOracle.equalTo(c.records(), field, probe));
                }
            }
        }
    }

    private static List<String> fieldsToProbe(SegmentCase c) {
        List<String> fields = new ArrayList<>();
        c.schema().forEach(spec -> fields.add(spec.name()));
        fields.add("missing");
        fields.add("nested.missing");
        return fields;
    }

    /** Fixed probes, some of the field's values and array elements, and their numbers in the other type. */
    private static List<Value> probes(SegmentCase c, String field, SplittableRandom random) {
        List<Value> probes = new ArrayList<>(PROBES);
        List<Value> values = new ArrayList<>();
        for (VectorRecord record : c.records()) {
            Value value = record.metadata().fields().get(field);
            if (value instanceof Value.Array array) {
                values.addAll(array.values().subList(0, Math.min(3, array.values().size())));
            }
            if (value != null) {
                values.add(value);
            }
        }
        for (int i = 0; i < 12 && !values.isEmpty(); i++) {
            Value value = values.get(random.nextInt(values.size()));
            probes.add(value);
            if (value instanceof Value.Int integer) {
                probes.add(new Value.Real(integer.value()));
            } else if (value instanceof Value.Real real && real.value() == Math.rint(real.value()) && Math.abs(real.value()) < 0x1p62) {
                probes.add(new Value.Int((long) real.value()));
            }
        }
        return probes;
    }

    // ---- examples ---------------------------------------------------------------------------

    @Example
    void anEmptySegmentRoundTrips() throws IOException {
        try (Segment segment = format().open(fs, write(List.of(), options(3)))) {
            assertThat(segment.count()).isZero();
            assertThat(segment.dimension()).isEqualTo(3);
            assertThat(segment.fieldStats()).isEmpty();
            assertThat(segment.hasExpiries()).isFalse();
            assertThat(segment.ordinalOf("")).isEqualTo(-1);
            assertThat(segment.vectorValues().size()).isZero();
            assertVectors(segment, List.of(), 3);
            BitSet none = segment.equalTo("field", new Value.Int(1));
            assertThat(none == null || none.isEmpty()).isTrue();
        }
    }

    @Example
    void extremeRecordsRoundTrip() throws IOException {
        int dimension = 3000;
        String huge = SegmentFixtures.text(new SplittableRandom(1), 300_000);
        List<Value> longArray = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            longArray.add(new Value.Int(i % 7));
        }
        List<VectorRecord> records = new ArrayList<>(List.of(
                new VectorRecord("", vector(dimension, 1), new Value.Obj(Map.of("", new Value.Str(""))), Long.MAX_VALUE),
                new VectorRecord("a", vector(dimension, 2), new Value.Obj(Map.of("n", new Value.Int(Long.MIN_VALUE),
                        "s", new Value.Str(huge), "arr", new Value.Array(longArray)))),
                new VectorRecord("b", vector(dimension, 3), new Value.Obj(Map.of("n", new Value.Int(Long.MAX_VALUE),
                        "deep", nested(200)))),
                new VectorRecord("\ue000", vector(dimension, 4), Value.Obj.EMPTY, 1),
                new VectorRecord("\ud83d\ude80", vector(dimension, 5), new Value.Obj(Map.of("r", new Value.Real(-0.0))))));
        String path = write(records, options(dimension));
        try (Segment segment = format().open(fs, path)) {
            for (int i = 0; i < records.size(); i++) {
                assertThat(segment.record(i)).isEqualTo(records.get(i));
            }
            assertVectors(segment, records, dimension);
            assertThat(segment.ordinalOf("\ud83d\ude80")).isEqualTo(4);
            assertThat(segment.fieldStats().get("n").min()).isEqualTo(new Value.Int(Long.MIN_VALUE));
        }
    }

    @Example
    void manyReadersAgreeAtOnce() throws Exception {
        SegmentCase c = SegmentFixtures.build(8, idRange(3_000), List.of(
                new SegmentFixtures.FieldSpec("color", SegmentFixtures.Kind.LOW_STRINGS, 80),
                new SegmentFixtures.FieldSpec("n", SegmentFixtures.Kind.SMALL_INTS, 60)), 11);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Segment segment = format().open(fs, write(c))) {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    for (int i = 0; i < 2_000; i++) {
                        int ordinal = random.nextInt(c.records().size());
                        VectorRecord expected = c.records().get(ordinal);
                        assertThat(segment.ordinalOf(expected.id())).isEqualTo(ordinal);
                        assertThat(segment.record(ordinal)).isEqualTo(expected);
                    }
                    BitSet red = segment.equalTo("color", new Value.Str("red"));
                    assertThat(red == null ? SegmentOracle.equalTo(c.records(), "color", new Value.Str("red")) : red)
                            .isEqualTo(SegmentOracle.equalTo(c.records(), "color", new Value.Str("red")));
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sorted ids {@code id000000, id000001, ...}. */
    protected static List<String> idRange(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(String.format("id%06d", i));
        }
        return ids;
    }

    private static float[] vector(int dimension, long seed) {
        return WalEntryArbitraries.vector(dimension, seed);
    }

    private static Value nested(int depth) {
        Value value = new Value.Str("bottom");
        for (int i = 0; i < depth; i++) {
            value = i % 2 == 0 ? new Value.Array(List.of(value, new Value.Int(i))) : new Value.Obj(Map.of("k", value));
        }
        return value;
    }
}
