package io.proximadb.spi.fs;

import io.proximadb.spi.Plugin;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The filesystem SPI: where logs, manifests and segments live. Found with
 * {@link java.util.ServiceLoader} under {@code META-INF/services/io.proximadb.spi.fs.FileSystemProvider}.
 */
public interface FileSystemProvider extends Plugin {

    /**
     * Opens the store rooted at {@code root} (a local directory for {@code file}; other providers
     * may read only its name). Creates the root if it is missing.
     */
    FileSystem open(Path root) throws IOException;
}
