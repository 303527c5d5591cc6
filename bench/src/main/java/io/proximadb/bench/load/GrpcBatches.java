package io.proximadb.bench.load;

import com.google.protobuf.CodedOutputStream;
import io.proximadb.grpc.v1.RecordInput;
import io.proximadb.grpc.v1.UpsertRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts vectors into {@code UpsertStream} messages: at most {@code batch} records each, and never
 * more bytes than the server accepts in one gRPC message. The server keeps Vert.x's default limit,
 * 256 KiB ({@code GrpcServerOptions.DEFAULT_MAX_MESSAGE_SIZE}), which holds about 80 records of
 * 784 floats and about 490 of 128, so at high dimension the message size, not {@code --batch},
 * sets the batch.
 */
final class GrpcBatches {

    /** The server's largest gRPC message, in bytes. */
    static final int SERVER_MESSAGE_LIMIT = 256 * 1024;

    private GrpcBatches() {
    }

    /** Record {@code i} gets id {@code "i"}, in order, in messages of at most {@code batch} records and {@code maxBytes}. */
    static List<UpsertRequest> split(String collection, float[][] vectors, int batch, int maxBytes) {
        List<UpsertRequest> messages = new ArrayList<>();
        int collectionBytes = CodedOutputStream.computeStringSize(UpsertRequest.COLLECTION_FIELD_NUMBER, collection);
        UpsertRequest.Builder message = UpsertRequest.newBuilder().setCollection(collection);
        int bytes = collectionBytes;
        for (int i = 0; i < vectors.length; i++) {
            RecordInput.Builder record = RecordInput.newBuilder().setId(Integer.toString(i));
            for (float value : vectors[i]) {
                record.addVector(value);
            }
            RecordInput built = record.build();
            int recordBytes = CodedOutputStream.computeMessageSize(UpsertRequest.RECORDS_FIELD_NUMBER, built);
            if (collectionBytes + recordBytes > maxBytes) {
                throw new IllegalArgumentException("one record of " + vectors[i].length + " floats takes " + recordBytes
                        + " bytes, more than the server's gRPC message limit of " + maxBytes);
            }
            if (message.getRecordsCount() == batch || bytes + recordBytes > maxBytes) {
                messages.add(message.build());
                message = UpsertRequest.newBuilder().setCollection(collection);
                bytes = collectionBytes;
            }
            message.addRecords(built);
            bytes += recordBytes;
        }
        if (message.getRecordsCount() > 0) {
            messages.add(message.build());
        }
        return messages;
    }
}
