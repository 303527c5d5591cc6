package io.proximadb.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.kernel.filter.Filter;
import io.proximadb.kernel.filter.FilterParser;
import io.proximadb.kernel.plugin.PluginKind;
import io.proximadb.kernel.plugin.PluginRegistry;
import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.segment.Segment;
import io.proximadb.spi.segment.SegmentFormat;
import io.proximadb.spi.segment.SegmentWriteOptions;
import io.proximadb.spi.segment.SegmentWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Filters over a real VIPER segment: index answers and record-by-record answers must agree. */
class SegmentFilterTest {

    private static final int COUNT = 2000;
    private static FileSystem fs;
    private static Segment segment;
    private static List<Value.Obj> metadata;

    @BeforeAll
    static void writeSegment() throws IOException {
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        fs = plugins.get(PluginKind.FILESYSTEM, "memory").open(Path.of("segment-filter-test"));
        SegmentFormat format = plugins.get(PluginKind.SEGMENT_FORMAT, "viper");
        metadata = new java.util.ArrayList<>();
        try (SegmentWriter writer = format.newWriter(fs, "s/seg", SegmentWriteOptions.defaults(2))) {
            for (int i = 0; i < COUNT; i++) {
                Map<String, Value> fields = new TreeMap<>();
                fields.put("lang", new Value.Str(i % 10 == 0 ? "fr" : "en"));
                fields.put("year", new Value.Int(2000 + i % 25));
                if (i % 3 == 0) {
                    fields.put("score", new Value.Real(i / 100.0));
                }
                if (i % 7 == 0) {
                    fields.put("tags", new Value.Array(List.of(new Value.Str("x"), new Value.Str("t" + i % 4))));
                }
                fields.put("meta", new Value.Obj(Map.of("draft", new Value.Bool(i % 2 == 0))));
                Value.Obj obj = new Value.Obj(fields);
                metadata.add(obj);
                writer.add(new VectorRecord(String.format("id%05d", i), new float[] {i, -i}, obj));
            }
            writer.finish();
        }
        segment = format.open(fs, "s/seg");
    }

    @AfterAll
    static void close() throws IOException {
        segment.close();
        fs.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"lang\": \"fr\"}",
            "{\"year\": {\"$gte\": 2020}}",
            "{\"year\": {\"$lt\": 2003}, \"lang\": \"en\"}",
            "{\"$or\": [{\"lang\": \"fr\"}, {\"score\": {\"$gt\": 15.5}}]}",
            "{\"lang\": {\"$ne\": \"fr\"}}",
            "{\"tags\": \"t2\"}",
            "{\"meta.draft\": true, \"year\": {\"$in\": [2001, 2002, 2024]}}",
            "{\"score\": {\"$exists\": false}}",
            "{\"$not\": {\"year\": 2010}}",
            "{\"lang\": \"de\"}",
            "{\"missing\": 1}"})
    void matchingEqualsRecordByRecordEvaluation(String json) {
        Filter filter = FilterParser.parse(json);
        BitSet expected = new BitSet();
        for (int i = 0; i < COUNT; i++) {
            if (filter.matches(metadata.get(i))) {
                expected.set(i);
            }
        }
        assertThat(SegmentFilter.matching(filter, segment)).isEqualTo(expected);
    }

    @Test
    void selectivityEstimatesFollowTheStatistics() {
        assertThat(SegmentFilter.selectivity(FilterParser.parse("{\"lang\": \"fr\"}"), segment)).isEqualTo(0.1);
        assertThat(SegmentFilter.selectivity(FilterParser.parse("{\"year\": 2001}"), segment)).isBetween(0.02, 0.06);
        assertThat(SegmentFilter.selectivity(FilterParser.parse("{\"year\": {\"$gte\": 2012}}"), segment)).isBetween(0.4, 0.6);
        assertThat(SegmentFilter.selectivity(FilterParser.parse("{\"missing\": 1}"), segment)).isZero();
        assertThat(SegmentFilter.selectivity(FilterParser.parse("{\"score\": {\"$exists\": true}}"), segment))
                .isBetween(0.3, 0.37);
    }
}
