package io.proximadb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.memory.LargePages;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/** The float32 walk's own copy of the vectors: faithful, counted, and searched with the same answers. */
class ResidentVectorsTest {

    private static final int DIMENSION = 24;
    private final VectorKernels kernels = VectorKernelsProvider.best();

    @Test
    void aCopyHoldsTheSameBytesWhetherTheVectorsAreInPlaceOrInArrays() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(30_000, DIMENSION, 1); // 2.9 MB: more than one huge page
        try (Arena arena = Arena.ofConfined()) {
            VectorValues inPlace = values.inSegment(arena);
            ResidentVectors fromSegment = ResidentVectors.copyOf(inPlace, arena);
            ResidentVectors fromArrays = ResidentVectors.copyOf(values, arena);
            assertThat(fromSegment.segment().mismatch(inPlace.segment())).isEqualTo(-1);
            assertThat(fromArrays.segment().mismatch(inPlace.segment())).isEqualTo(-1);
            assertThat(fromArrays.bytes()).isEqualTo(30_000L * DIMENSION * Float.BYTES);
            assertThat(fromArrays.vector(17)).isSameAs(values.vector(17));
            assertThat(fromArrays.size()).isEqualTo(30_000);
            assertThat(fromArrays.dimension()).isEqualTo(DIMENSION);
        }
    }

    @Test
    void aFloatWalkOverTheCopyAnswersAsOverTheSegmentAndCountsTheCopy() throws IndexFormatException {
        Arena arena = Arena.ofShared();
        // In place, as a segment holds them: the walk over the copy and over these then run the same kernels.
        VectorValues values = IndexFixtures.random(24_000, DIMENSION, 2).inSegment(arena);
        float[][] queries = IndexFixtures.randomQueries(100, DIMENSION, 3);
        IndexSpec spec = new IndexSpec(DIMENSION, Metric.COSINE, Map.of("ef_construction", "64"));
        long copied = HnswIndexFactory.residentVectorBytes(values.size(), DIMENSION);
        assertThat(copied).as("a copy where huge pages are to be had").isEqualTo(LargePages.available() ? 24_000L * DIMENSION * 4 : 0);
        try (arena; VectorIndex built = new HnswIndexFactory().build(spec, values, kernels)) {
            MemorySegment stored = arena.allocate(HnswTestSupport.bytesOf(built).length);
            stored.copyFrom(MemorySegment.ofArray(HnswTestSupport.bytesOf(built)));
            HnswFormat.Header header = HnswFormat.check(stored, DIMENSION, values.size(), Metric.COSINE);
            HnswLayout layout = HnswFormat.layoutOf(header);
            try (VectorIndex loaded = new HnswIndexFactory().load(spec, values, kernels, stored);
                 HnswIndex overSegment = new HnswIndex(new HnswGraph(stored, layout),
                         new VectorDistance(Metric.COSINE, kernels, values, stored, layout.normsOffset), null, DIMENSION,
                         header.entryPoint(), header.topLevel(), null)) {
                assertThat(built.memoryBytes() - copied).isEqualTo(overSegment.memoryBytes());
                assertThat(loaded.memoryBytes() - copied).isEqualTo(overSegment.memoryBytes());
                for (float[] query : queries) {
                    // The same neighbours; distances to the last bits only, since the Vector API's
                    // float sums may add lanes in another order once the JIT compiles them.
                    List<Neighbor> expected = overSegment.search(query, 10, null, Map.of("ef", "40"));
                    IndexFixtures.assertSameNeighbors(loaded.search(query, 10, null, Map.of("ef", "40")), expected, "loaded");
                    IndexFixtures.assertSameNeighbors(built.search(query, 10, null, Map.of("ef", "40")), expected, "built");
                }
            }
        }
    }

    @Test
    void aFactorysOpenIndexesKeepTheirCopiesWithinItsBudgetAndCloseGivesBytesBack() throws IndexFormatException {
        assumeTrue(LargePages.available(), "copies are made only where huge pages are to be had");
        VectorValues values = IndexFixtures.random(30_000, DIMENSION, 5); // 2.9 MB: more than one huge page
        long bytes = ResidentVectors.bytesOf(values);
        ResidentBudget budget = new ResidentBudget(bytes + bytes / 2); // room for one copy, not two
        HnswIndexFactory factory = new HnswIndexFactory(budget);
        IndexSpec spec = new IndexSpec(DIMENSION, Metric.L2, Map.of("ef_construction", "32"));
        float[] query = IndexFixtures.randomQueries(1, DIMENSION, 6)[0];
        HnswIndex first = (HnswIndex) factory.build(spec, values, kernels);
        byte[] stored = HnswTestSupport.bytesOf(first);
        try (Arena arena = Arena.ofConfined();
             HnswIndex _ = first; // closed again at the end, or on a failure before it is
             HnswIndex second = (HnswIndex) factory.build(spec, values, kernels)) {
            assertThat(first.residentBytes()).isEqualTo(bytes);
            assertThat(second.residentBytes()).as("the budget is spent: the second searches in place").isZero();
            assertThat(budget.reserved()).isEqualTo(bytes);
            assertThat(second.search(query, 10, null, Map.of()).size()).isEqualTo(10);
            first.close();
            first.close(); // twice gives back once
            assertThat(budget.reserved()).isZero();
            MemorySegment segment = arena.allocate(stored.length);
            segment.copyFrom(MemorySegment.ofArray(stored));
            try (HnswIndex loaded = (HnswIndex) factory.load(spec, values, kernels, segment)) {
                assertThat(loaded.residentBytes()).as("the closed index's bytes are free again").isEqualTo(bytes);
                assertThat(budget.reserved()).isEqualTo(bytes);
            }
        }
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void aBuildThatFailsWhileCopyingGivesItsShareBack() {
        assumeTrue(LargePages.available(), "copies are made only where huge pages are to be had");
        IndexFixtures.ArrayValues values = IndexFixtures.random(30_000, DIMENSION, 8);
        // Vectors read from arrays, not a segment, so the copy reads them one by one, and the last one fails.
        VectorValues failing = readOneByOne(values, ordinal -> {
            if (ordinal == values.size() - 1) {
                throw new IllegalStateException("the column's last vector cannot be read");
            }
        });
        ResidentBudget budget = new ResidentBudget(ResidentVectors.bytesOf(values) * 2);
        HnswIndexFactory factory = new HnswIndexFactory(budget);
        IndexSpec spec = new IndexSpec(DIMENSION, Metric.L2, Map.of("ef_construction", "32"));
        assertThatThrownBy(() -> factory.build(spec, failing, kernels)).hasMessageContaining("last vector");
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void anIndexOpenedWhileTheBudgetIsSpentTakesACopyAtItsFirstSearchAfterAShareFrees() throws InterruptedException {
        assumeTrue(LargePages.available(), "copies are made only where huge pages are to be had");
        Arena segment = Arena.ofShared();
        VectorValues values = IndexFixtures.random(30_000, DIMENSION, 9).inSegment(segment); // as a segment holds them
        long bytes = ResidentVectors.bytesOf(values);
        ResidentBudget budget = new ResidentBudget(bytes + bytes / 2); // room for one copy, not two
        HnswIndexFactory factory = new HnswIndexFactory(budget);
        IndexSpec spec = new IndexSpec(DIMENSION, Metric.COSINE, Map.of("ef_construction", "32"));
        float[][] queries = IndexFixtures.randomQueries(20, DIMENSION, 10);
        HnswIndex first = (HnswIndex) factory.build(spec, values, kernels);
        try (HnswIndex _ = first; HnswIndex merged = (HnswIndex) factory.build(spec, values, kernels)) {
            List<List<Neighbor>> inPlace = searchAll(merged, queries);
            long memoryInPlace = merged.memoryBytes(); // after a search: with its scratch
            assertThat(merged.residentBytes()).as("the budget is spent: it searches in place").isZero();

            first.close();
            assertThat(budget.reserved()).as("an index not searched since takes nothing").isZero();
            awaitCopy(merged, queries, bytes);
            assertThat(budget.reserved()).isEqualTo(bytes);
            assertThat(merged.memoryBytes()).isEqualTo(memoryInPlace + bytes);
            segment.close(); // the segment's vectors are gone: only a walk over the copy can still answer
            List<List<Neighbor>> overTheCopy = searchAll(merged, queries);
            for (int q = 0; q < queries.length; q++) {
                IndexFixtures.assertSameNeighbors(overTheCopy.get(q), inPlace.get(q), "query " + q + " over the late copy");
            }
        } finally {
            if (segment.scope().isAlive()) {
                segment.close();
            }
        }
        assertThat(budget.reserved()).as("closing gives the late copy's share back").isZero();
    }

    @Test
    void anIndexClosedWhileItsLateCopyIsUnderWayGivesTheShareBackOnce() throws IndexFormatException, InterruptedException {
        assumeTrue(LargePages.available(), "copies are made only where huge pages are to be had");
        IndexFixtures.ArrayValues values = IndexFixtures.random(30_000, DIMENSION, 11);
        CountDownLatch copying = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        // Vectors read one by one; the copy's thread, and only it, waits at the first until let go.
        VectorValues held = readOneByOne(values, ordinal -> {
            if (Thread.currentThread().getName().equals(ResidentShare.COPY_THREAD)) {
                copying.countDown();
                try {
                    goOn.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        long bytes = ResidentVectors.bytesOf(values);
        ResidentBudget budget = new ResidentBudget(bytes + bytes / 2);
        HnswIndexFactory factory = new HnswIndexFactory(budget);
        IndexSpec spec = new IndexSpec(DIMENSION, Metric.L2, Map.of("ef_construction", "32"));
        float[] query = IndexFixtures.randomQueries(1, DIMENSION, 12)[0];
        HnswIndex first = (HnswIndex) factory.build(spec, values, kernels);
        byte[] stored = HnswTestSupport.bytesOf(first);
        try (Arena arena = Arena.ofConfined(); HnswIndex _ = first) {
            MemorySegment segment = arena.allocate(stored.length);
            segment.copyFrom(MemorySegment.ofArray(stored));
            HnswIndex loaded = (HnswIndex) factory.load(spec, held, kernels, segment);
            assertThat(loaded.residentBytes()).isZero();
            first.close();
            assertThat(loaded.search(query, 10, null, Map.of())).hasSize(10); // reserves, and starts the copy
            assertThat(budget.reserved()).as("reserved for the copy under way").isEqualTo(bytes);
            assertThat(copying.await(30, TimeUnit.SECONDS)).as("the copy started").isTrue();
            loaded.close();
            assertThat(budget.reserved()).as("still the copy's until it stops").isEqualTo(bytes);
            assertThat(loaded.residentBytes()).isZero();
        } finally {
            goOn.countDown();
        }
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(ResidentShare.COPY_THREAD)) {
                thread.join(30_000);
                assertThat(thread.isAlive()).as("the copy's thread ended").isFalse();
            }
        }
        // once the copy's thread has ended nothing else can give the share back: zero now is once
        assertThat(budget.reserved()).as("the copy's share, given back once").isZero();
    }

    /** Searches {@code index} until it walks its own copy of {@code bytes}. */
    private static void awaitCopy(HnswIndex index, float[][] queries, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (index.residentBytes() != bytes) {
            assertThat(System.nanoTime()).as("the copy arrived within 30 s").isLessThan(deadline);
            searchAll(index, queries);
            Thread.sleep(5);
        }
    }

    /** {@code values} as a column that is not a segment, so read one vector at a time, {@code beforeRead} run before each. */
    private static VectorValues readOneByOne(VectorValues values, IntConsumer beforeRead) {
        return new VectorValues() {
            @Override
            public int size() {
                return values.size();
            }

            @Override
            public int dimension() {
                return values.dimension();
            }

            @Override
            public float[] vector(int ordinal) {
                beforeRead.accept(ordinal);
                return values.vector(ordinal);
            }
        };
    }

    private static List<List<Neighbor>> searchAll(VectorIndex index, float[][] queries) {
        return java.util.Arrays.stream(queries).map(query -> index.search(query, 10, null, Map.of("ef", "40"))).toList();
    }

    @Test
    void vectorsSmallerThanAHugePageAreNotCopied() {
        assertThat(HnswIndexFactory.residentVectorBytes(1_000, DIMENSION)).isZero();
        assertThat(HnswIndexFactory.residentVectorBytes(0, DIMENSION)).isZero();
    }

    @Test
    void walksOnCodesKeepTheSegmentsVectors() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(24_000, DIMENSION, 4);
        try (HnswIndex float32 = (HnswIndex) HnswTestSupport.build(values, Metric.L2, Map.of("ef_construction", "64"));
             HnswIndex sq8 = (HnswIndex) HnswTestSupport.build(values, Metric.L2, Map.of("ef_construction", "64", "quantizer", "sq8"))) {
            assertThat(float32.residentBytes()).isEqualTo(HnswIndexFactory.residentVectorBytes(values.size(), DIMENSION));
            assertThat(sq8.residentBytes()).isZero();
        }
    }
}
