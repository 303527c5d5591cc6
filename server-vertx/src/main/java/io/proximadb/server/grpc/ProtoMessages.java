package io.proximadb.server.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.proximadb.api.CollectionInfo;
import io.proximadb.api.SearchHit;
import io.proximadb.api.StorageStats;
import io.proximadb.grpc.v1.Collection;
import io.proximadb.grpc.v1.CreateCollectionRequest;
import io.proximadb.grpc.v1.DeleteRecordsRequest;
import io.proximadb.grpc.v1.Hit;
import io.proximadb.grpc.v1.Record;
import io.proximadb.grpc.v1.SearchResponse;
import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.server.json.JsonCodec;
import io.proximadb.server.service.DeleteSelection;
import io.proximadb.server.service.NewCollection;
import io.proximadb.server.service.RecordInput;
import io.proximadb.server.service.SearchQuery;
import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.record.VectorRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Protobuf messages to the service layer's inputs and its results back: a translation, nothing
 * decided here. Proto3 cannot tell a field left out from its zero value, so empty strings and zero
 * numbers are taken as "not given" and the service reports what is missing, as it does for REST.
 */
final class ProtoMessages {

    private ProtoMessages() {
    }

    static NewCollection newCollection(CreateCollectionRequest request) {
        return new NewCollection(given(request.getName()), request.getDimension() == 0 ? null : request.getDimension(),
                given(request.getMetric()), given(request.getIndex()), given(request.getMemtable()),
                given(request.getWal()), request.getOptionsMap());
    }

    static List<RecordInput> records(List<io.proximadb.grpc.v1.RecordInput> records) {
        List<RecordInput> inputs = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            io.proximadb.grpc.v1.RecordInput record = records.get(i);
            String where = "records[" + i + "]";
            inputs.add(new RecordInput(given(record.getId()), floats(record.getVectorList()),
                    json(record.getMetadataJson(), where + ".metadata_json"),
                    record.getTtlSeconds() == 0 ? null : record.getTtlSeconds()));
        }
        return inputs;
    }

    static SearchQuery query(io.proximadb.grpc.v1.SearchQuery query, String where) {
        Map<String, JsonNode> params = new LinkedHashMap<>();
        query.getParamsMap().forEach((name, value) -> params.put(name, TextNode.valueOf(value)));
        return new SearchQuery(floats(query.getVectorList()), query.getK() == 0 ? null : query.getK(),
                json(query.getFilterJson(), where + "filter_json"), query.getIncludeList(), params);
    }

    static List<SearchQuery> queries(List<io.proximadb.grpc.v1.SearchQuery> queries) {
        List<SearchQuery> converted = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            converted.add(query(queries.get(i), "queries[" + i + "]."));
        }
        return converted;
    }

    static DeleteSelection deleteSelection(DeleteRecordsRequest request) {
        return switch (request.getSelectionCase()) {
            case IDS -> new DeleteSelection(request.getIds().getIdsList(), null);
            case FILTER_JSON -> new DeleteSelection(null, json(request.getFilterJson(), "filter_json"));
            case SELECTION_NOT_SET -> new DeleteSelection(null, null);
        };
    }

    static Collection collection(CollectionInfo info) {
        CollectionSpec spec = info.spec();
        StorageStats stats = info.storage();
        Collection.Builder collection = Collection.newBuilder()
                .setName(spec.name())
                .setDimension(spec.dimension())
                .setMetric(spec.metric().configName())
                .setIndex(spec.index())
                .setMemtable(spec.memtable())
                .setWal(spec.walCodec())
                .putAllOptions(spec.options())
                .setLiveRecords(info.liveRecords())
                .setLastSequence(info.lastSequence());
        if (stats != null) {
            collection.setStorage(io.proximadb.grpc.v1.StorageStats.newBuilder()
                    .setSegments(stats.segments())
                    .setSegmentRecords(stats.segmentRecords())
                    .setSegmentBytes(stats.segmentBytes())
                    .setMemtableBytes(stats.memtableBytes())
                    .setFrozenMemtables(stats.frozenMemtables())
                    .setSegmentMemoryBytes(stats.segmentMemoryBytes())
                    .setFlushes(stats.flushes())
                    .setCompactions(stats.compactions())
                    .setBytesWritten(stats.bytesWritten())
                    .setCompactionBytesWritten(stats.compactionBytesWritten())
                    .setWalBytesWritten(stats.walBytesWritten()));
        }
        return collection.build();
    }

    static Record record(VectorRecord record) {
        Record.Builder built = Record.newBuilder()
                .setId(record.id())
                .setMetadataJson(MetadataJson.toJsonText(record.metadata()));
        for (float component : record.vector()) {
            built.addVector(component);
        }
        if (record.expiresAtMillis() != VectorRecord.NEVER_EXPIRES) {
            built.setExpiresAt(Instant.ofEpochMilli(record.expiresAtMillis()).toString());
        }
        return built.build();
    }

    static SearchResponse hits(List<SearchHit> hits) {
        SearchResponse.Builder response = SearchResponse.newBuilder();
        for (SearchHit hit : hits) {
            Hit.Builder built = response.addResultsBuilder().setId(hit.id()).setScore(hit.score());
            if (hit.metadata() != null) {
                built.setMetadataJson(MetadataJson.toJsonText(hit.metadata()));
            }
            if (hit.vector() != null) {
                for (float component : hit.vector()) {
                    built.addVector(component);
                }
            }
        }
        return response.build();
    }

    private static String given(String value) {
        return value.isEmpty() ? null : value;
    }

    /** An empty repeated field is "no vector": the service says the vector is missing. */
    private static float[] floats(List<Float> values) {
        if (values.isEmpty()) {
            return null;
        }
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i);
        }
        return vector;
    }

    private static JsonNode json(String text, String field) {
        return text.isEmpty() ? null : JsonCodec.readTree(text, field);
    }
}
