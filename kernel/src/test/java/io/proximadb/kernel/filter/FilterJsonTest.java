package io.proximadb.kernel.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.spi.record.Value;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A filter written with {@link FilterJson} parses back to the same filter, so clients can send any filter. */
class FilterJsonTest {

    @Property(tries = 1000)
    void everyFilterRoundTripsThroughItsJson(@ForAll("filters") Filter filter) {
        assertThat(FilterParser.parse(FilterJson.toJson(filter))).isEqualTo(filter);
    }

    @Test
    void writesTheExplicitFormOfEachClause() {
        Filter parsed = FilterParser.parse("""
                {"lang": "en", "year": {"$gte": 2021, "$ne": 2023}, "tags": {"$nin": ["x"]}, "a.b": {"$exists": false}}""");
        assertThat(FilterJson.toJson(parsed)).isEqualTo("{\"$and\":[{\"lang\":{\"$eq\":\"en\"}},"
                + "{\"$and\":[{\"year\":{\"$gte\":2021}},{\"$not\":{\"year\":{\"$eq\":2023}}}]},"
                + "{\"$not\":{\"tags\":{\"$in\":[\"x\"]}}},{\"a.b\":{\"$exists\":false}}]}");
        assertThat(FilterJson.toJson(new Filter.All())).isEqualTo("{}");
    }

    @Test
    void keepsIntegersApartFromDoubles() {
        Filter integer = FilterParser.parse("{\"year\": 2020}");
        Filter real = FilterParser.parse("{\"year\": 2020.0}");
        assertThat(FilterParser.parse(FilterJson.toJson(integer))).isEqualTo(integer);
        assertThat(FilterParser.parse(FilterJson.toJson(real))).isEqualTo(real).isNotEqualTo(integer);
    }

    @Test
    void emptyCombinatorsKeepTheirMeaning() {
        Value.Obj any = MetadataJson.parseObject("{\"a\": 1}");
        Filter none = FilterParser.parse(FilterJson.toJson(new Filter.Or(List.of())));
        Filter all = FilterParser.parse(FilterJson.toJson(new Filter.And(List.of())));
        assertThat(none.matches(any)).isFalse();
        assertThat(all.matches(any)).isTrue();
    }

    @Test
    void refusesAPathTheLanguageCannotSay() {
        assertThatThrownBy(() -> FilterJson.toJson(new Filter.Exists("$weird", true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'$weird'");
    }

    @Provide
    Arbitrary<Filter> filters() {
        return Arbitraries.lazyOf(this::leaf, this::leaf, this::leaf, this::and, this::or, this::not);
    }

    private Arbitrary<Filter> and() {
        return filters().list().ofMinSize(1).ofMaxSize(3).map(Filter.And::new);
    }

    private Arbitrary<Filter> or() {
        return filters().list().ofMinSize(1).ofMaxSize(3).map(Filter.Or::new);
    }

    private Arbitrary<Filter> not() {
        return filters().map(Filter.Not::new);
    }

    private Arbitrary<Filter> leaf() {
        Arbitrary<String> paths = Arbitraries.of("lang", "year", "a.b", "x.y.z", "tags");
        Arbitrary<Filter> equal = Combinators.combine(paths, values())
                .as((path, value) -> new Filter.Compare(path, Operator.EQ, value));
        Arbitrary<Filter> ordered = Combinators.combine(paths,
                        Arbitraries.of(Operator.GT, Operator.GTE, Operator.LT, Operator.LTE), ordered())
                .as(Filter.Compare::new);
        Arbitrary<Filter> in = Combinators.combine(paths, values().list().ofMaxSize(3)).as(Filter.In::new);
        Arbitrary<Filter> exists = Combinators.combine(paths, Arbitraries.of(true, false)).as(Filter.Exists::new);
        return Arbitraries.oneOf(equal, ordered, in, exists, Arbitraries.just(new Filter.All()));
    }

    private Arbitrary<Value> ordered() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(8).map(Value.Str::new),
                Arbitraries.longs().map(Value.Int::new),
                Arbitraries.doubles().map(Value.Real::new));
    }

    private Arbitrary<Value> values() {
        Arbitrary<Value> scalars = Arbitraries.oneOf(ordered(), Arbitraries.of(Value.Bool.TRUE, Value.Bool.FALSE));
        Arbitrary<Value> arrays = scalars.list().ofMaxSize(3).map(Value.Array::new);
        Arbitrary<Value> objects = Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(4), scalars)
                .ofMaxSize(3).map(fields -> new Value.Obj(Map.copyOf(fields)));
        return Arbitraries.oneOf(scalars, arrays, objects);
    }
}
