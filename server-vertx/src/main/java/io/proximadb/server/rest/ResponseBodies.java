package io.proximadb.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.proximadb.api.CollectionInfo;
import io.proximadb.api.SearchHit;
import io.proximadb.api.StorageStats;
import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.server.auth.ApiKey;
import io.proximadb.server.auth.NewApiKey;
import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.record.VectorRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes the REST API answers with (fields in {@code snake_case}; {@code null} fields are left out). */
final class ResponseBodies {

    private ResponseBodies() {
    }

    record CollectionBody(String name, int dimension, String metric, String index, String memtable, String wal,
                          Map<String, String> options, long liveRecords, long lastSequence, StorageStats storage) {

        static CollectionBody of(CollectionInfo info) {
            CollectionSpec spec = info.spec();
            return new CollectionBody(spec.name(), spec.dimension(), spec.metric().configName(), spec.index(),
                    spec.memtable(), spec.walCodec(), spec.options(), info.liveRecords(), info.lastSequence(),
                    info.storage());
        }
    }

    record CollectionListBody(List<CollectionBody> collections) {

        static CollectionListBody of(List<CollectionInfo> infos) {
            return new CollectionListBody(infos.stream().map(CollectionBody::of).toList());
        }
    }

    /** A stored record; {@code expires_at} is an ISO-8601 instant, absent for a record that never expires. */
    record RecordBody(String id, float[] vector, JsonNode metadata, String expiresAt) {

        static RecordBody of(VectorRecord record) {
            String expiresAt = record.expiresAtMillis() == VectorRecord.NEVER_EXPIRES ? null
                    : Instant.ofEpochMilli(record.expiresAtMillis()).toString();
            return new RecordBody(record.id(), record.vector(), MetadataJson.toJson(record.metadata()), expiresAt);
        }
    }

    record HitBody(String id, float score, JsonNode metadata, float[] vector) {

        static HitBody of(SearchHit hit) {
            return new HitBody(hit.id(), hit.score(), hit.metadata() == null ? null : MetadataJson.toJson(hit.metadata()),
                    hit.vector());
        }
    }

    record SearchBody(List<HitBody> results) {

        static SearchBody of(List<SearchHit> hits) {
            return new SearchBody(hits.stream().map(HitBody::of).toList());
        }
    }

    /** One {@link SearchBody} per query, in the order of the queries. */
    record SearchBatchBody(List<SearchBody> responses) {

        static SearchBatchBody of(List<List<SearchHit>> results) {
            return new SearchBatchBody(results.stream().map(SearchBody::of).toList());
        }
    }

    record UpsertedBody(int upserted) {
    }

    record DeletedBody(long deleted) {
    }

    /** A stored key, without its secret. */
    record KeyBody(String id, String tenant, String role, String description, String createdAt) {

        static KeyBody of(ApiKey key) {
            return new KeyBody(key.id(), key.tenant(), key.role().configName(), key.description(),
                    key.createdAt().toString());
        }
    }

    /** A key just created: the one answer that carries its secret. */
    record CreatedKeyBody(String id, String key, String tenant, String role, String description, String createdAt) {

        static CreatedKeyBody of(NewApiKey created) {
            ApiKey key = created.stored();
            return new CreatedKeyBody(key.id(), created.key(), key.tenant(), key.role().configName(),
                    key.description(), key.createdAt().toString());
        }
    }

    record KeyListBody(List<KeyBody> keys) {

        static KeyListBody of(List<ApiKey> keys) {
            return new KeyListBody(keys.stream().map(KeyBody::of).toList());
        }
    }

    record StatusBody(String status) {
    }

    record ErrorBody(ErrorDetail error) {
    }

    record ErrorDetail(String code, String message, String requestId) {
    }
}
