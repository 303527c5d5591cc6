package io.proximadb.kernel.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    @Test
    void aWriteThatAnEarlierSyncCoveredIsDurableEvenAfterALaterSyncFailed() throws IOException {
        GroupCommit commit = new GroupCommit("test", 0);
        assertThat(commit.awaitOrLead(11)).as("no sync running: the caller leads").isTrue();
        commit.leaderDone(11); // its sync covered 10 and 11, written by two threads
        commit.poison("fsync", new IOException("no space left on device"));

        assertThat(commit.awaitOrLead(10)).as("10 was made durable before the failure").isFalse();
        assertThat(commit.awaitOrLead(11)).isFalse();
        assertThatThrownBy(() -> commit.awaitOrLead(12)).isInstanceOf(IOException.class)
                .hasMessageContaining("refuses appends").hasMessageContaining("no space left on device");
    }
}
