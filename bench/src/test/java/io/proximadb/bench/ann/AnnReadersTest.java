package io.proximadb.bench.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.index.Neighbor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnReadersTest {

    @TempDir
    Path dir;

    @Test
    void readsGzippedIdxImagesAsFloats() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x803);
        out.writeInt(2);
        out.writeInt(2);
        out.writeInt(3);
        out.write(new byte[] {0, 1, 2, 3, 4, 5, (byte) 255, (byte) 128, 7, 8, 9, 10});
        Path file = gzip("images-idx3-ubyte.gz", bytes.toByteArray());

        float[][] images = IdxFiles.readImages(file);

        assertThat(images).hasDimensions(2, 6);
        assertThat(images[0]).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(images[1]).containsExactly(255, 128, 7, 8, 9, 10);
    }

    @Test
    void readsIdxLabelsAndRefusesAWrongMagic() throws IOException {
        byte[] labels = {0, 0, 8, 1, 0, 0, 0, 3, 9, 0, 4};
        assertThat(IdxFiles.readLabels(gzip("labels-idx1-ubyte.gz", labels))).containsExactly(9, 0, 4);

        Path plain = dir.resolve("labels-idx1-ubyte");
        Files.write(plain, labels);
        assertThat(IdxFiles.readLabels(plain)).containsExactly(9, 0, 4);

        assertThatThrownBy(() -> IdxFiles.readImages(plain)).isInstanceOf(IOException.class)
                .hasMessageContaining("not an IDX image file");
    }

    @Test
    void refusesATruncatedIdxFile() throws IOException {
        byte[] labels = {0, 0, 8, 1, 0, 0, 0, 5, 9, 0};
        Path file = dir.resolve("short-idx1-ubyte");
        Files.write(file, labels);
        assertThatThrownBy(() -> IdxFiles.readLabels(file)).hasMessageContaining("truncated");
    }

    @Test
    void readsLittleEndianIvecs() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 * (1 + 3 + 1 + 3)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(3).putInt(7).putInt(1).putInt(70_000);
        buffer.putInt(3).putInt(0).putInt(2).putInt(5);
        Path file = dir.resolve("gt.ivecs");
        Files.write(file, buffer.array());

        int[][] rows = Ivecs.read(file);

        assertThat(rows).hasDimensions(2, 3);
        assertThat(rows[0]).containsExactly(7, 1, 70_000);
        assertThat(rows[1]).containsExactly(0, 2, 5);
    }

    @Test
    void refusesAnIvecsRowLongerThanTheFile() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(5).putInt(1);
        Path file = dir.resolve("bad.ivecs");
        Files.write(file, buffer.array());
        assertThatThrownBy(() -> Ivecs.read(file)).hasMessageContaining("claims 5 values");
    }

    @Test
    void recallCountsTrueNeighboursAmongTheFirstK() {
        int[] truth = {4, 8, 15, 16, 23, 42};
        List<Neighbor> found = List.of(n(15), n(99), n(4), n(42), n(8));

        assertThat(Recall.atK(found, truth, 3)).isEqualTo(2.0 / 3); // 15 and 4 among {4, 8, 15}
        assertThat(Recall.atK(found, truth, 5)).isEqualTo(3.0 / 5); // 42 is the 6th true one
        assertThat(Recall.atK(List.of(), truth, 2)).isZero();
        assertThatThrownBy(() -> Recall.atK(found, new int[] {1}, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentileIsNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }
        assertThat(Pass.percentile(sorted, 0.50)).isEqualTo(50);
        assertThat(Pass.percentile(sorted, 0.99)).isEqualTo(99);
        assertThat(Pass.percentile(new long[] {7}, 0.99)).isEqualTo(7);
    }

    private static Neighbor n(int ordinal) {
        return new Neighbor(ordinal, 0f);
    }

    private Path gzip(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }
}
