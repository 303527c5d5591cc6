package io.proximadb.kernel.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.api.ProximaException;
import io.proximadb.spi.PluginUnavailableException;
import io.proximadb.spi.memtable.Memtable;
import io.proximadb.spi.memtable.MemtableFactory;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {

    @Test
    void findsEveryBundledPluginByName() {
        PluginRegistry registry = PluginRegistry.fromClassPath();
        assertThat(registry.names(PluginKind.MEMTABLE)).containsExactly("art", "btree", "hashmap", "skiplist");
        assertThat(registry.names(PluginKind.WAL_CODEC)).containsExactly("avro", "bincode");
        assertThat(registry.names(PluginKind.FILESYSTEM)).contains("file", "memory");
        assertThat(registry.names(PluginKind.INDEX)).contains("flat");
        assertThat(registry.get(PluginKind.MEMTABLE, "art").name()).isEqualTo("art");
    }

    @Test
    void anUnknownNameFailsWithTheSpiTheNameAndTheAvailableNames() {
        assertThatThrownBy(() -> PluginRegistry.fromClassPath().get(PluginKind.MEMTABLE, "art2"))
                .isInstanceOf(ProximaException.PluginNotAvailable.class)
                .hasMessage("unknown memtable plugin 'art2'; available: art, btree, hashmap, skiplist");
    }

    @Test
    void brokenPluginsAreListedAsUnavailableWithTheReasonAndDoNotBreakTheOthers() {
        // The fixture registers three memtables: one whose class is missing, one that reports it
        // cannot work here, and a good one.
        URL fixture = getClass().getResource("/registry-fixture/");
        PluginRegistry registry = PluginRegistry.fromClassLoader(
                new URLClassLoader(new URL[] {fixture}, getClass().getClassLoader()));
        assertThat(registry.names(PluginKind.MEMTABLE)).contains("skiplist", "fixture-good");
        assertThat(registry.infos()).anySatisfy(info -> {
            assertThat(info.name()).isEqualTo("io.proximadb.fixture.NoSuchMemtable");
            assertThat(info.available()).isFalse();
            assertThat(info.unavailableReason()).contains("not found");
        });
        assertThat(registry.infos()).anySatisfy(info -> {
            assertThat(info.name()).isEqualTo("fixture-native");
            assertThat(info.unavailableReason()).isEqualTo("libfixture.so not found");
        });
        assertThatThrownBy(() -> registry.get(PluginKind.MEMTABLE, "fixture-native"))
                .hasMessage("memtable plugin 'fixture-native' is unavailable: libfixture.so not found");
    }

    /** A memtable plugin that cannot work on this machine. */
    public static final class NativeOnlyMemtableFactory implements MemtableFactory {
        @Override
        public String name() {
            return "fixture-native";
        }

        @Override
        public void checkAvailable() throws PluginUnavailableException {
            throw new PluginUnavailableException("libfixture.so not found");
        }

        @Override
        public Memtable create() {
            throw new AssertionError("never created: unavailable");
        }
    }

    /** A memtable plugin that works, delegating to the skiplist. */
    public static final class GoodMemtableFactory implements MemtableFactory {
        @Override
        public String name() {
            return "fixture-good";
        }

        @Override
        public Memtable create() {
            return PluginRegistry.fromClassPath().get(PluginKind.MEMTABLE, "skiplist").create();
        }
    }
}
