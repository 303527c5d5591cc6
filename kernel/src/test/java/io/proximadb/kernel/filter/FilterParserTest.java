package io.proximadb.kernel.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.api.ProximaException;
import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.spi.record.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterParserTest {

    private static final Value.Obj DOC = MetadataJson.parseObject("""
            {"lang": "en", "year": 2024, "score": 0.75, "draft": false,
             "tags": ["ai", "db"], "author": {"name": "Ada", "age": 36}}""");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{}|true",
            "{\"lang\": \"en\"}|true",
            "{\"lang\": \"fr\"}|false",
            "{\"year\": 2024.0}|true",
            "{\"year\": {\"$eq\": 2024}}|true",
            "{\"year\": {\"$ne\": 2024}}|false",
            "{\"missing\": {\"$ne\": 1}}|true",
            "{\"year\": {\"$gt\": 2023, \"$lt\": 2025}}|true",
            "{\"year\": {\"$gte\": 2025}}|false",
            "{\"score\": {\"$lte\": 0.75}}|true",
            "{\"score\": {\"$lt\": 1}}|true",
            "{\"lang\": {\"$gt\": \"de\"}}|true",
            "{\"lang\": {\"$gt\": 3}}|false",
            "{\"tags\": \"db\"}|true",
            "{\"tags\": [\"ai\", \"db\"]}|true",
            "{\"tags\": {\"$in\": [\"x\", \"ai\"]}}|true",
            "{\"tags\": {\"$nin\": [\"ai\"]}}|false",
            "{\"lang\": {\"$in\": []}}|false",
            "{\"author.name\": \"Ada\"}|true",
            "{\"author.age\": {\"$gte\": 30}}|true",
            "{\"author.missing.deeper\": {\"$exists\": false}}|true",
            "{\"draft\": false}|true",
            "{\"draft\": {\"$exists\": true}}|true",
            "{\"lang\": \"en\", \"year\": 1999}|false",
            "{\"$and\": [{\"lang\": \"en\"}, {\"tags\": \"ai\"}]}|true",
            "{\"$or\": [{\"lang\": \"fr\"}, {\"year\": 2024}]}|true",
            "{\"$not\": {\"lang\": \"en\"}}|false",
            "{\"author\": {\"$eq\": {\"name\": \"Ada\", \"age\": 36}}}|true",
    })
    void matchesLikeTheDocumentedSemantics(String filter, boolean expected) {
        assertThat(FilterParser.parse(filter).matches(DOC)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"a\": {\"$regex\": \"x\"}}|unknown operator '$regex'",
            "{\"$nor\": []}|unknown operator '$nor'",
            "{\"$and\": {}}|non-empty array",
            "{\"a\": {\"$in\": 3}}|array of values",
            "{\"a\": {\"$exists\": 1}}|true or false",
            "{\"a\": {\"$gt\": true}}|numbers or strings",
            "{\"a\": {\"$gt\": 1, \"b\": 2}}|mixes operators",
            "[1]|must be a JSON object",
            "{\"a\": null}|null",
            "{\"a\":|malformed JSON",
            "{\"a..b\": 1}|malformed",
    })
    void rejectsBadFiltersWithAMessageThatNamesTheProblem(String filter, String fragment) {
        assertThatThrownBy(() -> FilterParser.parse(filter))
                .isInstanceOf(ProximaException.InvalidArgument.class).hasMessageContaining(fragment);
    }

    @Test
    void unknownOperatorErrorsListTheKnownOnes() {
        assertThatThrownBy(() -> FilterParser.parse("{\"a\": {\"$like\": 1}}"))
                .hasMessageContaining("$eq, $ne, $gt, $gte, $lt, $lte, $in, $nin, $exists, $and, $or, $not");
    }
}
