package io.proximadb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProximaExceptionTest {

    @Test
    void theEnginesErrorsHaveNoRequestId() {
        assertThat(new ProximaException.CollectionNotFound("docs").requestId()).isEmpty();
    }

    @Test
    void aRemoteClientRecordsTheRequestIdOnceAndKeepsTheType() {
        ProximaException error = new ProximaException.CollectionNotFound("docs").withRequestId("req-1");
        assertThat(error).isInstanceOf(ProximaException.CollectionNotFound.class);
        assertThat(error.requestId()).hasValue("req-1");
        assertThat(error.code()).isEqualTo("not_found");
        assertThatThrownBy(() -> error.withRequestId("req-2")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("req-1");
        assertThat(error.requestId()).hasValue("req-1");
    }
}
