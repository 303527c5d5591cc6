package io.proximadb.kernel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.kernel.plugin.PluginKind;
import io.proximadb.kernel.plugin.PluginRegistry;
import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.ReadableFile;
import io.proximadb.spi.fs.WritableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestFileTest {

    @TempDir
    Path root;

    private FileSystem fs;
    private ManifestFile file;

    @BeforeEach
    void open() throws IOException {
        fs = PluginRegistry.fromClassPath().get(PluginKind.FILESYSTEM, "file").open(root);
        fs.createDirectories("c");
        file = new ManifestFile(fs, "c");
    }

    @AfterEach
    void close() throws IOException {
        fs.close();
    }

    private static Manifest sample(long generation) {
        return new Manifest(generation, 42 * generation, 7, List.of(
                new Manifest.SegmentEntry("seg-0000000001.viper", 100, 4096, null, 0, null),
                new Manifest.SegmentEntry("seg-0000000002.viper", 50, 2048, "seg-0000000002.viper.del-3", 5,
                        "seg-0000000002.viper.index")));
    }

    @Test
    void aNewCollectionHasTheEmptyManifest() throws IOException {
        assertThat(file.read()).isEqualTo(Manifest.empty());
    }

    @Test
    void roundTripsAndReplaces() throws IOException {
        file.write(sample(1));
        assertThat(file.read()).isEqualTo(sample(1));
        file.write(sample(2));
        assertThat(file.read()).isEqualTo(sample(2));
        assertThat(fs.list("c")).containsExactly("MANIFEST");
    }

    @Test
    void aLeftoverTemporaryFileIsIgnoredAndDeleted() throws IOException {
        file.write(sample(1));
        try (WritableFile half = fs.create("c/MANIFEST.tmp")) {
            half.write(ByteBuffer.wrap("PROXIMA-MANIFEST 1 0000".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(file.read()).isEqualTo(sample(1));
        assertThat(fs.exists("c/MANIFEST.tmp")).isFalse();
    }

    @Test
    void aFlippedByteIsRefusedWithTheFileNamed() throws IOException {
        file.write(sample(1));
        String text = read("c/MANIFEST");
        rewrite("c/MANIFEST", text.replace("\"records\" : 100", "\"records\" : 900"));
        assertThatThrownBy(file::read).isInstanceOf(IOException.class)
                .hasMessageContaining("c/MANIFEST").hasMessageContaining("checksum");
    }

    @Test
    void anUnknownVersionIsRefused() throws IOException {
        file.write(sample(1));
        rewrite("c/MANIFEST", read("c/MANIFEST").replaceFirst("PROXIMA-MANIFEST 1 ", "PROXIMA-MANIFEST 9 "));
        assertThatThrownBy(file::read).hasMessageContaining("version 9").hasMessageContaining("reads version 1");
    }

    private String read(String path) throws IOException {
        try (ReadableFile in = fs.openForRead(path)) {
            ByteBuffer bytes = ByteBuffer.allocate((int) in.size());
            in.readFully(bytes, 0);
            return new String(bytes.array(), StandardCharsets.UTF_8);
        }
    }

    private void rewrite(String path, String text) throws IOException {
        fs.delete(path);
        try (WritableFile out = fs.create(path)) {
            out.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
