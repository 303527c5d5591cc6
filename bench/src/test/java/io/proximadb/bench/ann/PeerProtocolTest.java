package io.proximadb.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.index.Neighbor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerProtocolTest {

    @TempDir
    Path dir;

    @Test
    void parsesTheBuildLineAndOneSearchLinePerSetting() throws IOException {
        PeerOutput output = PeerOutput.parse(List.of(
                "build build_s=9.214 memory_bytes=203444160",
                "search ef=16 wall_ns=212000000 file=/tmp/hnswlib-ef16.bin",
                "",
                "search wall_ns=5 file=/tmp/flat.bin"));

        assertThat(output.buildSeconds()).isEqualTo(9.214);
        assertThat(output.memoryBytes()).isEqualTo(203_444_160L);
        assertThat(output.settings()).containsExactly(
                new PeerOutput.Setting(Map.of("ef", "16"), 212_000_000L, Path.of("/tmp/hnswlib-ef16.bin")),
                new PeerOutput.Setting(Map.of(), 5, Path.of("/tmp/flat.bin")));
    }

    @Test
    void refusesOutputOutsideTheProtocol() {
        assertThatThrownBy(() -> PeerOutput.parse(List.of("building...", "search ef=1 wall_ns=1 file=x")))
                .hasMessageContaining("unexpected line: building...");
        assertThatThrownBy(() -> PeerOutput.parse(List.of("search ef=1 wall_ns=1 file=x")))
                .hasMessageContaining("before its build line");
        assertThatThrownBy(() -> PeerOutput.parse(List.of("build build_s=1 memory_bytes=2", "search ef=1 file=x")))
                .hasMessageContaining("lacks wall_ns");
        assertThatThrownBy(() -> PeerOutput.parse(List.of("build build_s=1 memory_bytes=2")))
                .hasMessageContaining("without a search line");
        assertThatThrownBy(() -> PeerOutput.parse(List.of("build build_s=1 memory_bytes")))
                .hasMessageContaining("not key=value");
    }

    @Test
    void readsAnswersAndScoresThemWithTheSameRecallAsOurs() throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(2 * (8 + 3 * 4)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(1500).putInt(4).putInt(9).putInt(-1);
        bytes.putLong(700).putInt(1).putInt(2).putInt(3);
        Path file = dir.resolve("answers.bin");
        Files.write(file, bytes.array());

        PeerAnswers answers = PeerAnswers.read(file, 2, 3);

        assertThat(answers.latencyNanos()).containsExactly(1500, 700);
        assertThat(answers.ids()[0]).containsExactly(4, 9, -1);
        int[] truth = {9, 4, 7, 1};
        assertThat(Recall.atK(answers.ids()[0], truth, 3)).isEqualTo(2.0 / 3);
        assertThat(Recall.atK(answers.ids()[0], truth, 3))
                .isEqualTo(Recall.atK(List.of(new Neighbor(4, 0f), new Neighbor(9, 1f)), truth, 3));
        assertThat(Recall.atK(answers.ids()[1], truth, 3)).isZero();

        assertThatThrownBy(() -> PeerAnswers.read(file, 3, 3)).isInstanceOf(IOException.class)
                .hasMessageContaining("holds 40 bytes; 3 queries of k = 3 take 60");
    }

    @Test
    void passFiguresComeFromLatenciesAndWallTime() {
        Pass pass = Pass.of(1.5, new long[] {3_000_000, 1_000_000}, 2_000_000_000L);

        assertThat(pass.recall()).isEqualTo(0.75);
        assertThat(pass.qps()).isEqualTo(1.0);
        assertThat(pass.p50Ms()).isEqualTo(1.0);
        assertThat(pass.p99Ms()).isEqualTo(3.0);
    }

    @Test
    void writesFvecsOnceAndRewritesAFileOfTheWrongSize() throws IOException {
        Path file = dir.resolve("data").resolve("base.fvecs");
        float[][] rows = {{1f, 2f}, {3.5f, -4f}};

        Fvecs.writeOnce(file, rows);

        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(24);
        assertThat(bytes.getInt()).isEqualTo(2);
        assertThat(List.of(bytes.getFloat(), bytes.getFloat())).containsExactly(1f, 2f);
        assertThat(bytes.getInt()).isEqualTo(2);
        assertThat(List.of(bytes.getFloat(), bytes.getFloat())).containsExactly(3.5f, -4f);

        Files.write(file, new byte[] {1, 2, 3});
        Fvecs.writeOnce(file, rows);
        assertThat(Files.size(file)).isEqualTo(24);
        assertThat(Files.exists(file.resolveSibling("base.fvecs.partial"))).isFalse();
    }
}
