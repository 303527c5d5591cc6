package io.proximadb.wal.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.wal.WalCodec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Without the Avro jar, {@link java.util.ServiceLoader} still lists both codecs, {@code bincode}
 * works, and {@code avro} reports itself unavailable instead of breaking the loader.
 */
class AvroAbsentTest {

    @Test
    void aMissingAvroJarMakesTheCodecUnavailableNotTheLoaderBroken() throws Exception {
        URL[] withoutAvro = {
            AvroWalCodec.class.getProtectionDomain().getCodeSource().getLocation(),
            WalCodec.class.getProtectionDomain().getCodeSource().getLocation()
        };
        try (URLClassLoader loader = new URLClassLoader(withoutAvro, ClassLoader.getPlatformClassLoader())) {
            Class<?> spi = loader.loadClass(WalCodec.class.getName());
            List<String> names = new ArrayList<>();
            for (Object codec : ServiceLoader.load(spi, loader)) {
                Method name = spi.getMethod("name");
                Method checkAvailable = spi.getMethod("checkAvailable");
                names.add((String) name.invoke(codec));
                if (name.invoke(codec).equals("avro")) {
                    try {
                        checkAvailable.invoke(codec);
                        throw new AssertionError("avro must be unavailable without the Avro jar");
                    } catch (InvocationTargetException e) {
                        assertThat(e.getCause().getClass().getSimpleName()).isEqualTo("PluginUnavailableException");
                        assertThat(e.getCause().getMessage()).startsWith("Apache Avro not on the class path: ");
                    }
                } else {
                    checkAvailable.invoke(codec);
                    assertThat((byte[]) spi.getMethod("formatHeader").invoke(codec)).isNotEmpty();
                }
            }
            assertThat(names).containsExactlyInAnyOrder("avro", "bincode");
        }
    }
}
