package io.proximadb.spi.memtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.record.Ids;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Memtable} must meet. A plugin's test extends this class and returns
 * its factory from {@link #factory()}; a memtable is done when this suite is green.
 *
 * <p>Examples pin each rule of the {@link Memtable} Javadoc; jqwik properties then run random
 * interleavings of upserts, deletes and snapshot reads against {@link MemtableModel}; the
 * concurrent cases live in {@link MemtableConcurrencyContract}.
 */
public abstract class MemtableContractTest extends MemtableConcurrencyContract {

    @Override
    protected abstract MemtableFactory factory();

    // ---- examples ---------------------------------------------------------------------------

    @Test
    void factoryIsANamedPluginThatCreatesFreshMemtables() {
        MemtableFactory factory = factory();
        assertThat(factory.name()).isNotBlank().isEqualTo(factory.name().toLowerCase(java.util.Locale.ROOT));
        assertThat(factory.description()).isNotBlank();
        Memtable first = factory.create();
        assertThat(first).isNotSameAs(factory.create());
        assertThat(first.isFrozen()).isFalse();
        assertThat(first.idCount()).isZero();
    }

    @Test
    void putThenGetReturnsTheSameEntry() {
        Memtable memtable = factory().create();
        MemtableEntry entry = MemtableFixtures.upsert("a", 1);
        memtable.put(entry);
        assertThat(memtable.get("a", 1)).isSameAs(entry);
        assertThat(memtable.get("a", Long.MAX_VALUE)).isSameAs(entry);
        assertThat(memtable.get("a", 0)).isNull();
        assertThat(memtable.get("b", 1)).isNull();
        assertThat(memtable.get("", 1)).isNull();
    }

    @Test
    void getAtAnOlderSequenceSeesTheVersionThen() {
        Memtable memtable = factory().create();
        MemtableEntry v10 = MemtableFixtures.upsert("a", 10);
        MemtableEntry v20 = MemtableFixtures.upsert("a", 20);
        MemtableEntry v30 = MemtableFixtures.upsert("a", 30);
        List.of(v10, v20, v30).forEach(memtable::put);
        assertThat(memtable.get("a", 9)).isNull();
        assertThat(memtable.get("a", 10)).isSameAs(v10);
        assertThat(memtable.get("a", 19)).isSameAs(v10);
        assertThat(memtable.get("a", 20)).isSameAs(v20);
        assertThat(memtable.get("a", 29)).isSameAs(v20);
        assertThat(memtable.get("a", 30)).isSameAs(v30);
        assertThat(memtable.idCount()).isEqualTo(1);
    }

    @Test
    void tombstonesAreReturnedByGetAndScan() {
        Memtable memtable = factory().create();
        MemtableEntry upsert = MemtableFixtures.upsert("a", 1);
        MemtableEntry delete = MemtableEntry.tombstone(2, "a");
        MemtableEntry other = MemtableEntry.tombstone(3, "b");
        List.of(upsert, delete, other).forEach(memtable::put);
        assertThat(memtable.get("a", 2)).isSameAs(delete);
        assertThat(memtable.get("a", 1)).isSameAs(upsert);
        assertThat(drain(memtable, 3)).containsExactly(delete, other);
        assertThat(drain(memtable, 1)).containsExactly(upsert);
        assertThat(memtable.idCount()).isEqualTo(2);
    }

    @Test
    void scanIsInIdsOrderIncludingNonAsciiAndSurrogatePairs() {
        Memtable memtable = factory().create();
        List<String> ids = new ArrayList<>(MemtableFixtures.TRICKY_IDS);
        Collections.shuffle(ids, new Random(7));
        long sequence = 1;
        for (String id : ids) {
            memtable.put(MemtableFixtures.upsert(id, sequence++));
        }
        List<String> expected = new ArrayList<>(ids);
        expected.sort(Ids.ORDER);
        List<String> scanned = drain(memtable, Long.MAX_VALUE).stream().map(MemtableEntry::id).toList();
        assertThat(scanned).containsExactlyElementsOf(expected);
        // The suite must be able to tell code point order from UTF-16 order.
        assertThat(Ids.compare("\ue000", "\ud83d\ude00")).isNegative();
        assertThat("\ue000".compareTo("\ud83d\ude00")).isPositive();
        for (String id : ids) {
            assertThat(memtable.get(id, Long.MAX_VALUE)).extracting(MemtableEntry::id).isEqualTo(id);
        }
    }

    @Test
    void scanOfAnEmptyMemtableIsEmptyAndIteratorsKeepTheirContract() {
        Memtable memtable = factory().create();
        Iterator<MemtableEntry> empty = memtable.scan(Long.MAX_VALUE);
        assertThat(empty.hasNext()).isFalse();
        assertThatThrownBy(empty::next).isInstanceOf(NoSuchElementException.class);

        memtable.put(MemtableFixtures.upsert("a", 5));
        assertThat(memtable.scan(4).hasNext()).isFalse();
        Iterator<MemtableEntry> one = memtable.scan(5);
        assertThat(one.hasNext()).isTrue();
        assertThat(one.hasNext()).isTrue();
        assertThat(one.next().id()).isEqualTo("a");
        assertThat(one.hasNext()).isFalse();
        assertThatThrownBy(one::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void scanAtASequenceSeesExactlyTheVersionsUpToIt() {
        Memtable memtable = factory().create();
        MemtableModel model = new MemtableModel();
        Random random = new Random(11);
        for (long sequence = 1; sequence <= 300; sequence++) {
            String id = "id" + random.nextInt(60);
            MemtableEntry entry = random.nextInt(4) == 0
                    ? MemtableEntry.tombstone(sequence, id)
                    : MemtableFixtures.upsert(id, sequence);
            memtable.put(entry);
            model.put(entry);
        }
        for (long at = 0; at <= 301; at += 7) {
            assertThat(drain(memtable, at)).as("scan at %d", at).containsExactlyElementsOf(model.scan(at));
        }
    }

    @Test
    void versionsArrivingOutOfSequenceOrderAreOrderedBySequence() {
        Memtable memtable = factory().create();
        MemtableModel model = new MemtableModel();
        List<Long> sequences = new ArrayList<>();
        for (long s = 1; s <= 200; s++) {
            sequences.add(s);
        }
        Collections.shuffle(sequences, new Random(3));
        for (long sequence : sequences) {
            MemtableEntry entry = MemtableFixtures.upsert("id" + sequence % 13, sequence);
            memtable.put(entry);
            model.put(entry);
        }
        for (long at = 0; at <= 200; at++) {
            for (String id : model.ids()) {
                assertThat(memtable.get(id, at)).isSameAs(model.get(id, at));
            }
        }
        assertThat(drain(memtable, 100)).containsExactlyElementsOf(model.scan(100));
    }

    @Test
    void freezeMakesTheMemtableReadOnlyButReadable() {
        Memtable memtable = factory().create();
        MemtableEntry a = MemtableFixtures.upsert("a", 1);
        MemtableEntry b = MemtableFixtures.upsert("b", 2);
        memtable.put(b);
        memtable.put(a);
        long bytes = memtable.approximateBytes();
        memtable.freeze();
        assertThat(memtable.isFrozen()).isTrue();
        assertThatThrownBy(() -> memtable.put(MemtableFixtures.upsert("c", 3)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> memtable.put(MemtableFixtures.upsert("a", 4)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(memtable.get("a", 10)).isSameAs(a);
        assertThat(memtable.get("c", 10)).isNull();
        assertThat(drain(memtable, 10)).containsExactly(a, b);
        assertThat(drain(memtable, 1)).containsExactly(a);
        assertThat(memtable.idCount()).isEqualTo(2);
        assertThat(memtable.approximateBytes()).isEqualTo(bytes);
    }

    @Test
    void idCountCountsDistinctIdsIncludingTombstonedOnes() {
        Memtable memtable = factory().create();
        memtable.put(MemtableFixtures.upsert("a", 1));
        memtable.put(MemtableFixtures.upsert("a", 2));
        memtable.put(MemtableEntry.tombstone(3, "b"));
        memtable.put(MemtableEntry.tombstone(4, "a"));
        memtable.put(MemtableFixtures.upsert("ab", 5));
        assertThat(memtable.idCount()).isEqualTo(3);
    }

    @Test
    void approximateBytesGrowsWithEveryPutAndTracksTheEntries() {
        Memtable memtable = factory().create();
        assertThat(memtable.approximateBytes()).isNotNegative();
        long base = memtable.approximateBytes();
        long entryBytes = 0;
        int puts = 2_000;
        Random random = new Random(5);
        for (int sequence = 1; sequence <= puts; sequence++) {
            String id = "record-" + random.nextInt(800);
            MemtableEntry entry = random.nextInt(6) == 0
                    ? MemtableEntry.tombstone(sequence, id)
                    : MemtableEntry.upsert(sequence, MemtableFixtures.record(id, random));
            long before = memtable.approximateBytes();
            memtable.put(entry);
            assertThat(memtable.approximateBytes()).as("bytes after put %d", sequence).isGreaterThan(before);
            entryBytes += entry.estimatedBytes();
        }
        long held = memtable.approximateBytes() - base;
        assertThat(held).isGreaterThanOrEqualTo(entryBytes).isLessThanOrEqualTo(4 * entryBytes + 256L * puts);
    }

    // ---- properties against the model -------------------------------------------------------

    /** What a step of a random run does. */
    enum Kind { UPSERT, DELETE, SNAPSHOT, READ_AT_SNAPSHOT, READ_ANYWHERE }

    /**
     * One step. Writes take the next sequence number, except that {@code displacement} swaps it
     * with a later write's, so that sequences arrive out of order; {@code pick} chooses what a
     * read reads at.
     */
    record Step(Kind kind, String id, int displacement, int pick) {
    }

    @Property(tries = 200)
    void agreesWithTheModel(@ForAll("steps") List<Step> steps) {
        List<Step> writes = steps.stream().filter(s -> s.kind() == Kind.UPSERT || s.kind() == Kind.DELETE).toList();
        long[] sequences = new long[writes.size()];
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = i + 1;
        }
        for (int i = 0; i < sequences.length; i++) {
            int j = Math.min(sequences.length - 1, i + writes.get(i).displacement());
            long swap = sequences[i];
            sequences[i] = sequences[j];
            sequences[j] = swap;
        }
        Memtable memtable = factory().create();
        MemtableModel model = new MemtableModel();
        List<Long> snapshots = new ArrayList<>(List.of(0L));
        int written = 0;
        for (Step step : steps) {
            switch (step.kind()) {
                case UPSERT, DELETE -> {
                    long sequence = sequences[written++];
                    MemtableEntry entry = step.kind() == Kind.UPSERT
                            ? MemtableFixtures.upsert(step.id(), sequence)
                            : MemtableEntry.tombstone(sequence, step.id());
                    memtable.put(entry);
                    model.put(entry);
                }
                case SNAPSHOT -> snapshots.add(model.maxSequence());
                case READ_AT_SNAPSHOT -> assertAgrees(memtable, model, snapshots.get(step.pick() % snapshots.size()));
                case READ_ANYWHERE -> assertAgrees(memtable, model, step.pick() % (sequences.length + 2));
            }
        }
        assertThat(memtable.idCount()).isEqualTo(model.idCount());
        snapshots.add(model.maxSequence());
        for (long snapshot : snapshots) {
            assertAgrees(memtable, model, snapshot);
        }
        memtable.freeze();
        for (long snapshot : snapshots) {
            assertAgrees(memtable, model, snapshot);
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                Tuple.of(8, Kind.UPSERT), Tuple.of(3, Kind.DELETE), Tuple.of(2, Kind.SNAPSHOT),
                Tuple.of(2, Kind.READ_AT_SNAPSHOT), Tuple.of(1, Kind.READ_ANYWHERE));
        Arbitrary<Integer> displacements = Arbitraries.<Integer>frequencyOf(
                Tuple.of(6, Arbitraries.just(0)), Tuple.of(2, Arbitraries.integers().between(1, 4)),
                Tuple.of(1, Arbitraries.integers().between(5, 40)));
        return Combinators.combine(kinds, MemtableFixtures.smallIds(), displacements, Arbitraries.integers().between(0, 1_000))
                .as(Step::new)
                .list().ofMaxSize(80);
    }

    private static void assertAgrees(Memtable memtable, MemtableModel model, long atSequence) {
        assertThat(drain(memtable, atSequence)).as("scan at %d", atSequence).containsExactlyElementsOf(model.scan(atSequence));
        for (String id : model.ids()) {
            assertThat(memtable.get(id, atSequence)).as("get(%s, %d)", id, atSequence).isSameAs(model.get(id, atSequence));
        }
        assertThat(memtable.get("absent", atSequence)).isNull();
    }
}
