package io.proximadb.memtable;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.memtable.MemtableFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The jar registers all four memtables where the plugin registry looks for them. */
class MemtablePluginsTest {

    @Test
    void allMemtablesAreFoundByServiceLoader() {
        assertThat(ServiceLoader.load(MemtableFactory.class).stream().map(p -> p.get().name()))
                .containsExactlyInAnyOrder("skiplist", "art", "btree", "hashmap");
    }
}
