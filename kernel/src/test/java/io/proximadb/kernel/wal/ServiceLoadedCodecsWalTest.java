package io.proximadb.kernel.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.wal.WalCodec;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The log's contract for every codec on the class path: a new codec plugin is covered by being there. */
@ParameterizedClass(name = "{0}")
@MethodSource("codecs")
class ServiceLoadedCodecsWalTest extends WalDurabilityContractTest {

    private final WalCodec codec;

    ServiceLoadedCodecsWalTest(WalCodec codec) {
        this.codec = codec;
    }

    static Stream<Named<WalCodec>> codecs() {
        List<WalCodec> codecs = ServiceLoader.load(WalCodec.class).stream().map(ServiceLoader.Provider::get).toList();
        assertThat(codecs).as("WAL codecs registered under META-INF/services/io.proximadb.spi.wal.WalCodec").isNotEmpty();
        return codecs.stream().map(c -> Named.of(c.name(), c));
    }

    @Override
    protected WalCodec codec() {
        return codec;
    }
}
