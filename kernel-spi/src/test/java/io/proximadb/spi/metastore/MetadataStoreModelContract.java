package io.proximadb.spi.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The metadata-store contract as a property: random runs of commits (puts, deletes, conditions
 * that hold or fail), reads, scans and restarts agree with {@link MetadataModel} at every step.
 * Small key and value alphabets make conditions hold often enough and keys collide.
 */
public abstract class MetadataStoreModelContract extends MetadataStoreConcurrencyContract {

    private static final List<String> KEYS = List.of(
            "", "a", "a/b", "a/c", "ab", "b/\u00e9", "b/\ue000", "b/\ud83d\ude00", "\ud83d\ude00");
    private static final List<String> PREFIXES = List.of("", "a", "a/", "b/", "\ud83d\ude00", "z");
    private static final List<String> VALUES = List.of("", "v1", "v2", "\u00e9\ud83d\ude00");

    /** What a step of a random run does. */
    enum Kind { COMMIT, GET, SCAN, RESTART }

    /** One step: a commit's mutations, or the key or prefix a read reads. */
    record Step(Kind kind, List<MetadataMutation> mutations, String key) {
        @Override
        public String toString() {
            return kind == Kind.COMMIT ? "commit " + mutations : kind + " " + key;
        }
    }

    @Property(tries = 100)
    void agreesWithTheModel(@ForAll("runs") List<Step> steps) throws IOException {
        MetadataStoreContext context = freshContext();
        MetadataModel model = new MetadataModel();
        MetadataStore store = open(context);
        try {
            for (Step step : steps) {
                switch (step.kind()) {
                    case COMMIT -> commitBoth(store, model, step.mutations());
                    case GET -> assertThat(store.get(step.key())).as("get %s", step.key()).isEqualTo(model.get(step.key()));
                    case SCAN -> assertSameScan(store, model, step.key());
                    case RESTART -> {
                        if (persistent()) {
                            store.close();
                            store = open(context);
                        }
                    }
                }
                assertThat(store.revision()).isEqualTo(model.revision());
            }
            assertSameScan(store, model, "");
        } finally {
            store.close();
        }
    }

    private static void commitBoth(MetadataStore store, MetadataModel model, List<MetadataMutation> mutations) {
        long before = model.revision();
        var conflict = model.commit(mutations);
        if (conflict.isPresent()) {
            MetadataConflictException thrown = catchThrowableOfType(MetadataConflictException.class,
                    () -> store.commit(mutations));
            assertThat(thrown).as("commit %s must conflict", mutations).isNotNull();
            assertThat(thrown.key()).isEqualTo(conflict.get());
            assertThat(model.revision()).isEqualTo(before);
        } else {
            try {
                assertThat(store.commit(mutations)).as("revision after %s", mutations).isEqualTo(model.revision());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static void assertSameScan(MetadataStore store, MetadataModel model, String prefix) throws IOException {
        assertThat(List.copyOf(store.scan(prefix).entrySet()))
                .as("scan '%s'", prefix)
                .containsExactlyElementsOf(List.copyOf(model.scan(prefix).entrySet()));
    }

    @Provide
    Arbitrary<List<Step>> runs() {
        Arbitrary<String> keys = Arbitraries.of(KEYS);
        Arbitrary<String> values = Arbitraries.of(VALUES);
        Arbitrary<MetadataMutation> mutations = Arbitraries.frequencyOf(
                Tuple.of(5, Combinators.combine(keys, values).as(MetadataStoreFixture::put)),
                Tuple.of(2, keys.map(MetadataStoreFixture::delete)),
                Tuple.of(1, keys.map(MetadataStoreFixture::absent)),
                Tuple.of(2, Combinators.combine(keys, values).as(MetadataStoreFixture::expect)));
        Arbitrary<Step> commits = mutations.list().ofMaxSize(4).map(list -> new Step(Kind.COMMIT, list, ""));
        Arbitrary<Step> gets = keys.map(key -> new Step(Kind.GET, List.of(), key));
        Arbitrary<Step> scans = Arbitraries.of(PREFIXES).map(prefix -> new Step(Kind.SCAN, List.of(), prefix));
        Arbitrary<Step> restarts = Arbitraries.just(new Step(Kind.RESTART, List.of(), ""));
        return Arbitraries.frequencyOf(Tuple.of(10, commits), Tuple.of(2, gets), Tuple.of(2, scans), Tuple.of(1, restarts))
                .list().ofMaxSize(40);
    }
}
