package io.proximadb.spi.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The parameter check every index runs on each build and each search, and its whole numbers. */
class ParamNamesTest {

    private static final ParamNames SEARCH = new ParamNames("hnsw", "search", "rerank", "ef");

    @Test
    void knownNamesAndNoneAtAllPass() {
        assertThatCode(() -> SEARCH.check(Map.of())).doesNotThrowAnyException();
        assertThatCode(() -> SEARCH.check(Map.of("ef", "16"))).doesNotThrowAnyException();
        assertThatCode(() -> SEARCH.check(Map.of("ef", "16", "rerank", "40"))).doesNotThrowAnyException();
    }

    @Test
    void anUnknownNameIsNamedWithTheKnownOnesSorted() {
        assertThatThrownBy(() -> SEARCH.check(Map.of("ef_search", "16")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown hnsw search parameter 'ef_search'; known search parameters: ef, rerank");
    }

    @Test
    void anUnknownNameBesideKnownOnesIsFoundToo() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ef", "16");
        params.put("rerank", "40");
        params.put("nprobe", "4");
        assertThatThrownBy(() -> SEARCH.check(params)).hasMessageContaining("'nprobe'");
    }

    @Property(tries = 300)
    void refusesExactlyTheMapsWithANameOutsideTheKnownOnes(
            @ForAll @Size(max = 4) List<@StringLength(min = 1, max = 3) String> extra, @ForAll boolean ef, @ForAll boolean rerank) {
        Map<String, String> params = new HashMap<>();
        if (ef) {
            params.put("ef", "1");
        }
        if (rerank) {
            params.put("rerank", "1");
        }
        extra.forEach(name -> params.put(name, "1"));
        boolean allKnown = params.keySet().stream().allMatch(name -> name.equals("ef") || name.equals("rerank"));
        if (allKnown) {
            assertThatCode(() -> SEARCH.check(params)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> SEARCH.check(params)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("unknown hnsw search parameter '");
        }
    }

    @Test
    void wholeNumbersAreParsedWithinTheirRangeOrRefusedByName() {
        assertThat(SEARCH.wholeNumber(Map.of(), "ef", 64, 1, 100)).isEqualTo(64);
        assertThat(SEARCH.wholeNumber(Map.of("ef", " 32 "), "ef", 64, 1, 100)).isEqualTo(32);
        assertThatThrownBy(() -> SEARCH.wholeNumber(Map.of("ef", "wide"), "ef", 64, 1, 100))
                .hasMessage("hnsw parameter 'ef' must be a whole number, got 'wide'");
        assertThatThrownBy(() -> SEARCH.wholeNumber(Map.of("ef", "0"), "ef", 64, 1, 100))
                .hasMessage("hnsw parameter 'ef' must be between 1 and 100, got 0");
        assertThat(SEARCH.wholeNumber(Map.of(), "seed", 42L)).isEqualTo(42L);
        assertThat(SEARCH.wholeNumber(Map.of("seed", "-9000000000"), "seed", 42L)).isEqualTo(-9_000_000_000L);
        assertThatThrownBy(() -> SEARCH.wholeNumber(Map.of("seed", "1.5"), "seed", 42L))
                .hasMessage("hnsw parameter 'seed' must be a whole number, got '1.5'");
    }
}
