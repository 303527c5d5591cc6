package io.proximadb.api;

import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;

/** Short ways to make records: {@code Records.of("a", new float[] {1, 2}, "{\"lang\": \"en\"}")}. */
public final class Records {

    private Records() {
    }

    public static VectorRecord of(String id, float[] vector) {
        return new VectorRecord(id, vector, Value.Obj.EMPTY);
    }

    /** A record whose metadata is the given JSON object. @throws ProximaException.InvalidArgument if it is not one */
    public static VectorRecord of(String id, float[] vector, String metadataJson) {
        return new VectorRecord(id, vector, MetadataJson.parseObject(metadataJson));
    }
}
