package io.proximadb.spi.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.proximadb.spi.record.Ids;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MetadataStoreProvider} must meet. A plugin's test extends this class
 * and implements the hooks of {@link MetadataStoreFixture}; a store is done when this suite is
 * green. Examples here pin each rule of the {@link MetadataStore} Javadoc; the random runs against
 * a model are in {@link MetadataStoreModelContract}, the threads in
 * {@link MetadataStoreConcurrencyContract}. Restart tests are skipped for stores that are not
 * {@link #persistent()}.
 */
public abstract class MetadataStoreContractTest extends MetadataStoreModelContract {

    @Test
    void providerIsANamedPlugin() {
        MetadataStoreProvider provider = provider();
        assertThat(provider.name()).isNotBlank().isEqualTo(provider.name().toLowerCase(Locale.ROOT));
        assertThat(provider.description()).isNotBlank();
    }

    @Test
    void aNewStoreIsEmptyAtRevisionZero() throws IOException {
        try (MetadataStore store = openFresh()) {
            assertThat(store.revision()).isZero();
            assertThat(store.scan("")).isEmpty();
            assertThat(store.get("anything")).isEmpty();
            assertThat(store.get("")).isEmpty();
        }
    }

    @Test
    void putGetAndDelete() throws IOException {
        try (MetadataStore store = openFresh()) {
            assertThat(store.commit(List.of(put("collections/docs", "{\"dimension\":3}")))).isEqualTo(1);
            assertThat(store.get("collections/docs")).contains("{\"dimension\":3}");
            assertThat(store.commit(List.of(put("collections/docs", "{}")))).isEqualTo(2);
            assertThat(store.get("collections/docs")).contains("{}");
            assertThat(store.commit(List.of(delete("collections/docs")))).isEqualTo(3);
            assertThat(store.get("collections/docs")).isEmpty();
            assertThat(store.revision()).isEqualTo(3);
        }
    }

    @Test
    void everySuccessfulCommitAddsOneToTheRevision() throws IOException {
        try (MetadataStore store = openFresh()) {
            assertThat(store.commit(List.of())).as("an empty commit").isEqualTo(1);
            assertThat(store.commit(List.of(delete("never-was")))).as("deleting an absent key").isEqualTo(2);
            assertThat(store.commit(List.of(absent("never-was")))).as("a commit of conditions only").isEqualTo(3);
            assertThat(store.commit(List.of(put("a", "1"), put("b", "2"), put("c", "3")))).isEqualTo(4);
            assertThat(store.revision()).isEqualTo(4);
            assertThat(store.scan("")).hasSize(3);
        }
    }

    @Test
    void scanReturnsAPrefixInCodePointOrder() throws IOException {
        List<String> keys = new ArrayList<>(TRICKY_KEYS);
        Collections.shuffle(keys, new Random(3));
        try (MetadataStore store = openFresh()) {
            for (String key : keys) {
                store.commit(List.of(put(key, "value of " + key)));
            }
            List<String> ordered = new ArrayList<>(TRICKY_KEYS);
            ordered.sort(Ids.ORDER);
            assertThat(List.copyOf(store.scan("").keySet())).containsExactlyElementsOf(ordered);
            assertThat(List.copyOf(store.scan("a/").keySet()))
                    .containsExactly("a/", "a/b", "a/b/c", "a/\u00e9", "a/\ue000", "a/\ud83d\ude00");
            assertThat(List.copyOf(store.scan("a/b").keySet())).containsExactly("a/b", "a/b/c");
            assertThat(List.copyOf(store.scan("\ud83d\ude00").keySet())).containsExactly("\ud83d\ude00", "\ud83d\ude00/x");
            assertThat(store.scan("zz")).isEmpty();
            for (String key : keys) {
                assertThat(store.get(key)).contains("value of " + key);
            }
        }
    }

    @Test
    void aScanIsACopyThatLaterCommitsLeaveAlone() throws IOException {
        try (MetadataStore store = openFresh()) {
            store.commit(List.of(put("k/1", "one"), put("k/2", "two")));
            SortedMap<String, String> before = store.scan("k/");
            store.commit(List.of(put("k/3", "three"), delete("k/1"), put("k/2", "deux")));
            assertThat(before).containsExactly(Map.entry("k/1", "one"), Map.entry("k/2", "two"));
            assertThat(store.scan("k/")).containsExactly(Map.entry("k/2", "deux"), Map.entry("k/3", "three"));
        }
    }

    @Test
    void mutationsApplyInOrderAndConditionsSeeEarlierOnesOfTheSameCommit() throws IOException {
        try (MetadataStore store = openFresh()) {
            store.commit(List.of(put("a", "1"), put("a", "2"), put("b", "x"), delete("b")));
            assertThat(store.get("a")).contains("2");
            assertThat(store.get("b")).isEmpty();
            store.commit(List.of(put("c", "new"), expect("c", "new"), delete("a"), absent("a")));
            assertThat(store.scan("")).containsExactly(Map.entry("c", "new"));
            assertThat(store.revision()).isEqualTo(2);
        }
    }

    @Test
    void expectAbsentFailsWhenTheKeyExistsAndChangesNothing() throws IOException {
        try (MetadataStore store = openFresh()) {
            store.commit(List.of(put("collections/docs", "v1")));
            assertThatThrownBy(() -> store.commit(List.of(put("other", "x"), absent("collections/docs"), put("collections/docs", "v2"))))
                    .isInstanceOfSatisfying(MetadataConflictException.class,
                            conflict -> assertThat(conflict.key()).isEqualTo("collections/docs"))
                    .hasMessageContaining("collections/docs");
            assertThat(store.scan("")).containsExactly(Map.entry("collections/docs", "v1"));
            assertThat(store.revision()).isEqualTo(1);
        }
    }

    @Test
    void expectValueFailsOnAnotherValueOrAMissingKeyAndChangesNothing() throws IOException {
        try (MetadataStore store = openFresh()) {
            store.commit(List.of(put("k", "v1"), put("keep", "same")));
            assertThatThrownBy(() -> store.commit(List.of(delete("keep"), expect("k", "v0"), put("k", "v2"))))
                    .isInstanceOfSatisfying(MetadataConflictException.class, conflict -> assertThat(conflict.key()).isEqualTo("k"))
                    .hasMessageContaining("k");
            assertThatThrownBy(() -> store.commit(List.of(expect("missing", "v1"))))
                    .isInstanceOfSatisfying(MetadataConflictException.class, conflict -> assertThat(conflict.key()).isEqualTo("missing"));
            assertThat(store.scan("")).containsExactly(Map.entry("k", "v1"), Map.entry("keep", "same"));
            assertThat(store.revision()).isEqualTo(1);

            assertThat(store.commit(List.of(expect("k", "v1"), put("k", "v2"), absent("missing")))).isEqualTo(2);
            assertThat(store.get("k")).contains("v2");
        }
    }

    @Test
    void aFailingConditionAnywhereUndoesEveryMutationOfItsCommit() throws IOException {
        try (MetadataStore store = openFresh()) {
            store.commit(List.of(put("x", "1"), put("y", "1"), put("w", "1")));
            List<MetadataMutation> doomed = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                doomed.add(put("new/" + i, "n"));
            }
            doomed.addAll(List.of(delete("x"), put("y", "2"), expect("w", "1"), absent("z"), expect("w", "2")));
            assertThatThrownBy(() -> store.commit(doomed))
                    .isInstanceOfSatisfying(MetadataConflictException.class, conflict -> assertThat(conflict.key()).isEqualTo("w"));
            assertThat(store.scan("")).containsExactly(Map.entry("w", "1"), Map.entry("x", "1"), Map.entry("y", "1"));
            assertThat(store.revision()).isEqualTo(1);
        }
    }

    @Test
    void bigValuesAndUnicodeKeysRoundTripAcrossARestart() throws IOException {
        Random random = new Random(17);
        Map<String, String> big = Map.of(
                "big/ascii", randomText(random, 100_000, "abcdefghijklmnopqrstuvwxyz0123456789 {}\":,"),
                "big/\u00e9\u4e2d\ud83d\ude00", randomText(random, 100_000, "\u00e9\u4e2d\ud83d\ude00a\u0000\n"),
                "big/json", "{\"ids\":[" + "\"\ud800\udc00\",".repeat(20_000) + "\"end\"]}");
        MetadataStoreContext context = freshContext();
        try (MetadataStore store = open(context)) {
            for (Map.Entry<String, String> entry : big.entrySet()) {
                store.commit(List.of(put(entry.getKey(), entry.getValue())));
            }
            assertBig(store, big);
        }
        if (persistent()) {
            try (MetadataStore store = open(context)) {
                assertBig(store, big);
                assertThat(store.revision()).isEqualTo(3);
            }
        }
    }

    private static void assertBig(MetadataStore store, Map<String, String> big) throws IOException {
        for (Map.Entry<String, String> entry : big.entrySet()) {
            assertThat(store.get(entry.getKey())).as(entry.getKey()).contains(entry.getValue());
        }
        assertThat(store.scan("big/")).containsExactlyInAnyOrderEntriesOf(big);
    }

    /** {@code length} chars drawn from {@code alphabet}'s code points (surrogate pairs stay whole). */
    private static String randomText(Random random, int length, String alphabet) {
        int[] points = alphabet.codePoints().toArray();
        StringBuilder text = new StringBuilder(length + 1);
        while (text.length() < length) {
            text.appendCodePoint(points[random.nextInt(points.length)]);
        }
        return text.toString();
    }

    @Test
    void aRestartKeepsEveryCommittedChangeAndTheRevision() throws IOException {
        assumeTrue(persistent(), "the store is not persistent");
        MetadataStoreContext context = freshContext();
        MetadataModel model = new MetadataModel();
        Random random = new Random(23);
        try (MetadataStore store = open(context)) {
            for (int i = 0; i < 300; i++) {
                String key = "r/" + random.nextInt(40);
                List<MetadataMutation> mutations = random.nextInt(5) == 0
                        ? List.of(delete(key))
                        : List.of(put(key, "value " + i + " ".repeat(random.nextInt(200))));
                model.commit(mutations);
                store.commit(mutations);
            }
            assertThatThrownBy(() -> store.commit(List.of(put("lost", "x"), expect("r/0", "no such value"))))
                    .isInstanceOf(MetadataConflictException.class);
        }
        for (int restart = 0; restart < 2; restart++) {
            try (MetadataStore store = open(context)) {
                assertThat(store.revision()).isEqualTo(model.revision());
                assertThat(store.scan("")).containsExactlyEntriesOf(model.scan(""));
                List<MetadataMutation> next = List.of(put("after/" + restart, "x"));
                model.commit(next);
                assertThat(store.commit(next)).isEqualTo(model.revision());
            }
        }
        try (MetadataStore store = open(context)) {
            assertThat(store.scan("")).containsExactlyEntriesOf(model.scan(""));
            assertThat(store.get("lost")).isEqualTo(Optional.empty());
        }
    }

    @Test
    void unknownOptionsAreRejectedByName() {
        assertThatThrownBy(() -> open(freshContext(Map.of("no_such_option", "1"))).close())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no_such_option");
    }
}
