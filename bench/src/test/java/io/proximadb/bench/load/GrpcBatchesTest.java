package io.proximadb.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.grpc.v1.RecordInput;
import io.proximadb.grpc.v1.UpsertRequest;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GrpcBatchesTest {

    @Test
    void messagesStayUnderTheServerLimitAndKeepEveryRecordInOrder() {
        for (int dimension : new int[] {784, 128}) {
            float[][] vectors = LoadDataset.random(new SplittableRandom(dimension), 2_000, dimension);
            List<UpsertRequest> messages = GrpcBatches.split("docs", vectors, 500, GrpcBatches.SERVER_MESSAGE_LIMIT);

            assertThat(messages).allSatisfy(message -> {
                assertThat(message.getSerializedSize()).isLessThanOrEqualTo(GrpcBatches.SERVER_MESSAGE_LIMIT);
                assertThat(message.getRecordsCount()).isBetween(1, 500);
                assertThat(message.getCollection()).isEqualTo("docs");
            });
            List<RecordInput> records = messages.stream().flatMap(m -> m.getRecordsList().stream()).toList();
            assertThat(records).hasSize(2_000);
            for (int i = 0; i < records.size(); i++) {
                assertThat(records.get(i).getId()).isEqualTo(Integer.toString(i));
                assertThat(records.get(i).getVector(dimension - 1)).isEqualTo(vectors[i][dimension - 1]);
            }
            // Every message but the last is full: --batch records, or one more would pass the limit.
            int recordBytes = records.getLast().getSerializedSize() + 3;
            for (UpsertRequest message : messages.subList(0, messages.size() - 1)) {
                assertThat(message.getRecordsCount() == 500
                        || message.getSerializedSize() + recordBytes > GrpcBatches.SERVER_MESSAGE_LIMIT).isTrue();
            }
            if (dimension == 784) {
                assertThat(messages.getFirst().getRecordsCount()).isBetween(80, 85);
            }
        }
    }

    @Test
    void theBatchSizeBindsWhenItIsTheSmaller() {
        float[][] vectors = LoadDataset.random(new SplittableRandom(1), 1_001, 8);
        List<UpsertRequest> messages = GrpcBatches.split("docs", vectors, 100, GrpcBatches.SERVER_MESSAGE_LIMIT);
        assertThat(messages).hasSize(11);
        assertThat(messages.getLast().getRecordsCount()).isEqualTo(1);
    }

    @Test
    void aRecordLargerThanTheLimitIsRefused() {
        float[][] vectors = LoadDataset.random(new SplittableRandom(1), 1, 1_000);
        assertThatThrownBy(() -> GrpcBatches.split("docs", vectors, 10, 1_024))
                .hasMessageContaining("more than the server's gRPC message limit of 1024");
    }
}
