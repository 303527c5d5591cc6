package io.proximadb.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.fs.FileSystemProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ProvidersRegisteredTest {
    @Test
    void fileAndMemoryAreFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(FileSystemProvider.class).stream().map(p -> p.get().name()))
                .contains("file", "memory");
    }
}
