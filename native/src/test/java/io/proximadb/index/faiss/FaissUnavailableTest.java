package io.proximadb.index.faiss;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.PluginUnavailableException;
import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the shim cannot be loaded, the plugin says why, and choosing it fails with that reason. */
class FaissUnavailableTest {

    @Test
    void aMissingLibraryMakesThePluginUnavailableWithTheReason(@TempDir Path directory) {
        Path missing = directory.resolve("libproxima_faiss.so");
        FaissIndexFactory factory = new FaissIndexFactory(FaissLoader.at(missing));
        assertThatThrownBy(factory::checkAvailable)
                .isInstanceOf(PluginUnavailableException.class)
                .hasMessageContaining("cannot load the faiss shim").hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> factory.build(new IndexSpec(8, Metric.L2, Map.of()), IndexFixtures.random(10, 8, 1),
                VectorKernelsProvider.best()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("index 'faiss' is unavailable").hasMessageContaining(missing.toString());
    }

    @Test
    void aFileThatIsNotALibraryMakesThePluginUnavailable(@TempDir Path directory) throws IOException {
        Path notALibrary = Files.writeString(directory.resolve("libproxima_faiss.so"), "not an ELF file");
        FaissIndexFactory factory = new FaissIndexFactory(FaissLoader.at(notALibrary));
        assertThatThrownBy(factory::checkAvailable)
                .isInstanceOf(PluginUnavailableException.class).hasMessageContaining("cannot load the faiss shim");
    }
}
