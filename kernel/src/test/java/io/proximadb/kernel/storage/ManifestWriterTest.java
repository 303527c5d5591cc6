package io.proximadb.kernel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.storage.fs.local.LocalFileSystemProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestWriterTest {

    @TempDir
    Path directory;

    @Test
    void aGenerationWhoseWriteFailedIsNeverTriedAgain() throws IOException {
        AtomicBoolean diskFull = new AtomicBoolean();
        FileSystem fs = FailingCreates.wrap(new LocalFileSystemProvider().open(directory), path -> diskFull.get());
        fs.createDirectories("docs");
        ManifestFile file = new ManifestFile(fs, "docs");
        Manifest recovered = file.read();
        // no segments: no deletion files, so the writer's segment files are never asked for
        ManifestWriter writer = new ManifestWriter(null, file, recovered);

        diskFull.set(true);
        assertThatThrownBy(() -> writer.write(List.of(), 5)).isInstanceOf(IOException.class).hasMessageContaining("no space");
        assertThat(writer.current()).as("nothing changed").isEqualTo(recovered);
        diskFull.set(false);
        writer.write(List.of(), 6);

        // The failed attempt may have left files named for its generation (deletion files, even the
        // manifest itself if only its directory sync failed): the next one takes a new number.
        Manifest written = file.read();
        assertThat(written.generation()).isEqualTo(recovered.generation() + 2);
        assertThat(written.flushedSequence()).isEqualTo(6);
        assertThat(writer.current()).isEqualTo(written);
    }
}
