package io.proximadb.client;

import io.proximadb.api.CollectionConfig;
import io.proximadb.api.CollectionInfo;
import io.proximadb.api.ProximaException;
import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.api.StorageStats;
import io.proximadb.grpc.v1.Collection;
import io.proximadb.grpc.v1.CreateCollectionRequest;
import io.proximadb.grpc.v1.Hit;
import io.proximadb.grpc.v1.Record;
import io.proximadb.grpc.v1.RecordInput;
import io.proximadb.grpc.v1.SearchQuery;
import io.proximadb.kernel.filter.FilterJson;
import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Conversions between the engine's API values and the generated gRPC messages. Stateless. */
final class Messages {

    private Messages() {
    }

    /** The engine's largest dimension (RecordValidator), which the engine checks before anything else. */
    static final int MAX_DIMENSION = 65_536;

    // Proto3 sends 0 and "" as "not given", for which the server says "x is required": the engine
    // says what is wrong with the value. These few checks run here so that both say the same thing.

    static CreateCollectionRequest create(CollectionConfig config) {
        if (config.name().isEmpty()) {
            throw new ProximaException.InvalidArgument("collection name '' is invalid: use 1 to 64 letters, digits, '_' or '-'");
        }
        if (config.dimension() < 1 || config.dimension() > MAX_DIMENSION) {
            throw new ProximaException.InvalidArgument("dimension must be between 1 and " + MAX_DIMENSION + ", got "
                    + config.dimension());
        }
        CreateCollectionRequest.Builder request = CreateCollectionRequest.newBuilder()
                .setName(config.name())
                .setDimension(config.dimension())
                .setMetric(config.metric().configName())
                .putAllOptions(config.options());
        if (config.index() != null) {
            request.setIndex(config.index());
        }
        if (config.memtable() != null) {
            request.setMemtable(config.memtable());
        }
        if (config.walCodec() != null) {
            request.setWal(config.walCodec());
        }
        return request.build();
    }

    static CollectionInfo info(Collection collection) {
        CollectionSpec spec = new CollectionSpec(collection.getName(), collection.getDimension(),
                Metric.fromName(collection.getMetric()), collection.getMemtable(), collection.getWal(),
                collection.getIndex(), collection.getOptionsMap());
        var s = collection.getStorage();
        StorageStats storage = new StorageStats(s.getSegments(), s.getSegmentRecords(), s.getSegmentBytes(),
                s.getMemtableBytes(), s.getFrozenMemtables(), s.getSegmentMemoryBytes(), s.getFlushes(),
                s.getCompactions(), s.getBytesWritten(), s.getCompactionBytesWritten(), s.getWalBytesWritten());
        return new CollectionInfo(spec, collection.getLiveRecords(), collection.getLastSequence(), storage);
    }

    /**
     * A record to send. The wire carries a time to live in whole seconds, not an instant: a record's
     * own expiry becomes the seconds left, rounded up; one already past is refused, since sending it
     * would make it visible for a while.
     *
     * @param ttl the time to live asked for with the upsert, or {@code null}
     */
    static RecordInput input(VectorRecord record, Duration ttl, long nowMillis) {
        checkId(record.id());
        RecordInput.Builder input = RecordInput.newBuilder().setId(record.id());
        for (float x : record.vector()) {
            input.addVector(x);
        }
        if (!record.metadata().fields().isEmpty()) {
            input.setMetadataJson(MetadataJson.toJsonText(record.metadata()));
        }
        if (ttl != null) {
            if (!ttl.isPositive()) {
                throw new ProximaException.InvalidArgument("ttl of record '" + record.id() + "' must be positive, got " + ttl);
            }
            input.setTtlSeconds(ceilSeconds(ttl.toMillis()));
        } else if (record.expiresAtMillis() != VectorRecord.NEVER_EXPIRES) {
            long left = record.expiresAtMillis() - nowMillis;
            if (left <= 0) {
                throw new ProximaException.InvalidArgument("record '" + record.id() + "' expired at "
                        + Instant.ofEpochMilli(record.expiresAtMillis()) + "; a remote upsert takes a time to live");
            }
            input.setTtlSeconds(ceilSeconds(left));
        }
        return input.build();
    }

    static void checkId(String id) {
        if (id.isEmpty()) {
            throw new ProximaException.InvalidArgument("record id must not be empty");
        }
    }

    private static long ceilSeconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    static VectorRecord record(Record record) {
        long expires = record.getExpiresAt().isEmpty() ? VectorRecord.NEVER_EXPIRES
                : Instant.parse(record.getExpiresAt()).toEpochMilli();
        return new VectorRecord(record.getId(), floats(record.getVectorList()), metadata(record.getMetadataJson()), expires);
    }

    /** Checks what the engine checks before searching, where the wire would change the meaning (k = 0 is "10"). */
    static SearchQuery query(SearchRequest request) {
        if (request.k() < 1 || request.k() > SearchRequest.MAX_K) {
            throw new ProximaException.InvalidArgument("k must be between 1 and " + SearchRequest.MAX_K + ", got "
                    + request.k());
        }
        SearchQuery.Builder query = SearchQuery.newBuilder().setK(request.k()).putAllParams(request.params());
        for (float x : request.vector()) {
            query.addVector(x);
        }
        if (request.filter() != null) {
            query.setFilterJson(FilterJson.toJson(request.filter()));
        }
        if (request.includeMetadata()) {
            query.addInclude("metadata");
        }
        if (request.includeVector()) {
            query.addInclude("vector");
        }
        return query.build();
    }

    static List<SearchHit> hits(List<Hit> hits, SearchRequest request) {
        List<SearchHit> result = new ArrayList<>(hits.size());
        for (Hit hit : hits) {
            Value.Obj metadata = request.includeMetadata() ? metadata(hit.hasMetadataJson() ? hit.getMetadataJson() : "")
                    : null;
            float[] vector = request.includeVector() ? floats(hit.getVectorList()) : null;
            result.add(new SearchHit(hit.getId(), hit.getScore(), metadata, vector));
        }
        return result;
    }

    private static Value.Obj metadata(String json) {
        return json.isEmpty() ? Value.Obj.EMPTY : MetadataJson.parseObject(json);
    }

    private static float[] floats(List<Float> values) {
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i);
        }
        return vector;
    }
}
