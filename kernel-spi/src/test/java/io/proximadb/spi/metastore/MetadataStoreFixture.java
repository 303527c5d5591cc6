package io.proximadb.spi.metastore;

import io.proximadb.spi.metastore.MetadataMutation.Delete;
import io.proximadb.spi.metastore.MetadataMutation.ExpectAbsent;
import io.proximadb.spi.metastore.MetadataMutation.ExpectValue;
import io.proximadb.spi.metastore.MetadataMutation.Put;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.lifecycle.AfterTry;
import org.junit.jupiter.api.AfterEach;

/**
 * The hooks of the metadata-store contract and the helpers its tests share. A plugin's test
 * extends {@link MetadataStoreContractTest} and implements the three hooks; nothing else.
 *
 * <p>A <em>place</em> is a {@link MetadataStoreContext}: opening a fresh context gives an empty
 * store, and opening the same context again after closing the store is a restart. jqwik tries do
 * not get JUnit's {@code @TempDir}, so {@link #temporaryDirectory()} is offered instead and
 * cleaned up after each test and each try.
 */
public abstract class MetadataStoreFixture {

    private final List<Path> temporaries = new ArrayList<>();

    /** The plugin under test. */
    protected abstract MetadataStoreProvider provider();

    /**
     * A context for a store in a new, empty place, with {@code options} among its options (a test
     * may add its own, such as a small snapshot threshold, but must pass unknown names through).
     */
    protected abstract MetadataStoreContext freshContext(Map<String, String> options) throws IOException;

    /** Whether the store keeps its contents across close and reopen; the restart tests need it. */
    protected abstract boolean persistent();

    /** A new directory on the local disk, deleted after the current test or try. */
    protected final Path temporaryDirectory() throws IOException {
        Path directory = Files.createTempDirectory("proxima-metastore-");
        temporaries.add(directory);
        return directory;
    }

    @AfterEach
    @AfterTry
    void deleteTemporaryDirectories() throws IOException {
        for (Path directory : temporaries) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(MetadataStoreFixture::deleteQuietly);
            }
        }
        temporaries.clear();
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected final MetadataStoreContext freshContext() throws IOException {
        return freshContext(Map.of());
    }

    protected final MetadataStore open(MetadataStoreContext context) throws IOException {
        return provider().open(context);
    }

    protected final MetadataStore openFresh() throws IOException {
        return open(freshContext());
    }

    protected static Put put(String key, String value) {
        return new Put(key, value);
    }

    protected static Delete delete(String key) {
        return new Delete(key);
    }

    protected static ExpectAbsent absent(String key) {
        return new ExpectAbsent(key);
    }

    protected static ExpectValue expect(String key, String value) {
        return new ExpectValue(key, value);
    }

    /** Keys that tell code point order from UTF-16 order, with the {@code /} layout the catalog uses. */
    protected static final List<String> TRICKY_KEYS = List.of(
            "", "a", "a/", "a/b", "a/b/c", "a/\u00e9", "a/\ue000", "a/\ud83d\ude00", "a0", "ab", "b",
            "B", "~", "\u00e9t\u00e9", "\u4e2d\u6587/\u8868", "\ue000", "\uffff", "\ud83d\ude00",
            "\ud83d\ude00/x", "\ud800\udc00", "\udbff\udfff", "tab\tand\nnewline", "nul\u0000inside");
}
