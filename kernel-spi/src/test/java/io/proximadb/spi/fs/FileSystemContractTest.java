package io.proximadb.spi.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link FileSystemProvider} must pass. A provider's test extends this class
 * and returns the provider; each test opens a fresh store rooted at a JUnit temporary directory.
 *
 * <p>Paths are relative and {@code /}-separated. The empty path names the root and is accepted
 * only where a directory is expected ({@code list}, {@code createDirectories},
 * {@code syncDirectory}, {@code exists}).
 */
public abstract class FileSystemContractTest {

    @TempDir
    protected Path root;

    protected FileSystem fs;

    protected abstract FileSystemProvider provider();

    @BeforeEach
    void openStore() throws IOException {
        fs = provider().open(root);
    }

    @AfterEach
    void closeStore() throws IOException {
        fs.close();
    }

    protected static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(UTF_8));
    }

    protected String readAll(String path) throws IOException {
        try (ReadableFile file = fs.openForRead(path)) {
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(file.size()));
            file.readFully(buffer, 0);
            return new String(buffer.array(), UTF_8);
        }
    }

    protected void write(String path, String text) throws IOException {
        try (WritableFile file = fs.create(path)) {
            file.write(bytes(text));
            file.sync();
        }
    }

    @Test
    void providerHasALowerCaseName() {
        assertThat(provider().name()).isNotBlank().isEqualTo(provider().name().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void createWriteReadAndSize() throws IOException {
        try (WritableFile file = fs.create("a.bin")) {
            assertThat(file.length()).isZero();
            file.write(bytes("hello "));
            file.write(bytes("world"));
            assertThat(file.length()).isEqualTo(11);
            file.sync();
        }
        assertThat(fs.exists("a.bin")).isTrue();
        assertThat(fs.size("a.bin")).isEqualTo(11);
        assertThat(readAll("a.bin")).isEqualTo("hello world");
    }

    @Test
    void writeConsumesTheWholeBuffer() throws IOException {
        ByteBuffer source = bytes("0123456789");
        source.position(3);
        try (WritableFile file = fs.create("partial.bin")) {
            file.write(source);
        }
        assertThat(source.hasRemaining()).isFalse();
        assertThat(readAll("partial.bin")).isEqualTo("3456789");
    }

    @Test
    void createMakesParentDirectories() throws IOException {
        write("x/y/z.bin", "deep");
        assertThat(fs.list("x")).containsExactly("y");
        assertThat(fs.list("x/y")).containsExactly("z.bin");
        assertThat(readAll("x/y/z.bin")).isEqualTo("deep");
    }

    @Test
    void createFailsWhenTheFileExists() throws IOException {
        write("dir/taken.bin", "x");
        assertThatThrownBy(() -> fs.create("dir/taken.bin"))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("dir/taken.bin");
        assertThat(readAll("dir/taken.bin")).isEqualTo("x");
    }

    @Test
    void appendContinuesAtTheEnd() throws IOException {
        write("log", "abc");
        try (WritableFile file = fs.append("log")) {
            assertThat(file.length()).isEqualTo(3);
            file.write(bytes("def"));
            assertThat(file.length()).isEqualTo(6);
            file.sync();
        }
        assertThat(readAll("log")).isEqualTo("abcdef");
    }

    @Test
    void missingFilesAreReportedByName() {
        assertThatThrownBy(() -> fs.append("nope/a.bin"))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope/a.bin");
        assertThatThrownBy(() -> fs.openForRead("nope/b.bin"))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope/b.bin");
        assertThatThrownBy(() -> fs.size("nope/c.bin"))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope/c.bin");
        assertThatThrownBy(() -> fs.truncate("nope/d.bin", 0))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope/d.bin");
        assertThatThrownBy(() -> fs.rename("nope/e.bin", "f.bin"))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope/e.bin");
    }

    @Test
    void readPastTheEndReturnsMinusOneAndReadFullyThrows() throws IOException {
        write("short", "abc");
        try (ReadableFile file = fs.openForRead("short")) {
            assertThat(file.size()).isEqualTo(3);
            assertThat(file.read(ByteBuffer.allocate(4), 3)).isEqualTo(-1);
            ByteBuffer two = ByteBuffer.allocate(2);
            assertThat(file.read(two, 1)).isEqualTo(2);
            assertThat(new String(two.array(), UTF_8)).isEqualTo("bc");
            assertThatThrownBy(() -> file.readFully(ByteBuffer.allocate(5), 0)).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void listIsSortedNamesOnlyAndEmptyForAMissingDirectory() throws IOException {
        write("d/c.bin", "1");
        write("d/a.bin", "2");
        write("d/b/inner.bin", "3");
        write("top.bin", "4");
        assertThat(fs.list("d")).containsExactly("a.bin", "b", "c.bin");
        assertThat(fs.list("")).containsExactly("d", "top.bin");
        assertThat(fs.list("missing")).isEmpty();
        assertThat(fs.list("d/missing")).isEmpty();
    }

    @Test
    void createDirectoriesIsIdempotent() throws IOException {
        fs.createDirectories("p/q");
        fs.createDirectories("p/q");
        assertThat(fs.exists("p/q")).isTrue();
        assertThat(fs.list("p")).containsExactly("q");
        assertThat(fs.list("p/q")).isEmpty();
        fs.syncDirectory("p/q");
        fs.syncDirectory("");
    }

    @Test
    void renameReplacesTheTarget() throws IOException {
        write("m/new", "fresh");
        write("m/current", "stale");
        fs.rename("m/new", "m/current");
        assertThat(fs.exists("m/new")).isFalse();
        assertThat(readAll("m/current")).isEqualTo("fresh");
        assertThat(fs.list("m")).containsExactly("current");
        fs.syncDirectory("m");
    }

    @Test
    void renameMovesAcrossDirectories() throws IOException {
        write("from/f", "data");
        fs.createDirectories("to");
        fs.rename("from/f", "to/g");
        assertThat(fs.list("from")).isEmpty();
        assertThat(readAll("to/g")).isEqualTo("data");
    }

    @Test
    void deleteRemovesFilesAndWholeDirectoriesAndIgnoresMissingPaths() throws IOException {
        write("t/one", "1");
        write("t/sub/two", "2");
        write("keep", "3");
        fs.delete("keep");
        assertThat(fs.exists("keep")).isFalse();
        fs.delete("t");
        assertThat(fs.exists("t")).isFalse();
        assertThat(fs.exists("t/sub/two")).isFalse();
        assertThat(fs.list("")).isEmpty();
        assertThatCode(() -> fs.delete("never/was")).doesNotThrowAnyException();
    }

    @Test
    void truncateCutsTheFile() throws IOException {
        write("cut", "0123456789");
        fs.truncate("cut", 4);
        assertThat(fs.size("cut")).isEqualTo(4);
        assertThat(readAll("cut")).isEqualTo("0123");
        try (WritableFile file = fs.append("cut")) {
            file.write(bytes("xy"));
        }
        assertThat(readAll("cut")).isEqualTo("0123xy");
        fs.truncate("cut", 0);
        assertThat(fs.size("cut")).isZero();
    }

    @Test
    void existsSeesFilesAndDirectories() throws IOException {
        assertThat(fs.exists("e/f")).isFalse();
        write("e/f", "");
        assertThat(fs.exists("e")).isTrue();
        assertThat(fs.exists("e/f")).isTrue();
        assertThat(fs.size("e/f")).isZero();
        assertThat(fs.exists("")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "a/../b", "a/..", "/abs/path", "a//b", "a/", "./a", "a/./b", "", "/"})
    void malformedPathsAreRejectedByName(String path) {
        List<ThrowingCall> calls = List.of(
                () -> fs.create(path), () -> fs.append(path), () -> fs.openForRead(path),
                () -> fs.size(path), () -> fs.rename(path, "ok"), () -> fs.rename("ok", path),
                () -> fs.delete(path), () -> fs.truncate(path, 0));
        for (ThrowingCall call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + path + "'");
        }
        if (!path.isEmpty()) {
            for (ThrowingCall call : List.<ThrowingCall>of(() -> fs.list(path), () -> fs.exists(path),
                    () -> fs.createDirectories(path), () -> fs.syncDirectory(path))) {
                assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("'" + path + "'");
            }
        }
    }

    @Test
    void concurrentPositionalReadsSeeTheirOwnBytes() throws Exception {
        int size = 1 << 20;
        byte[] data = new byte[size];
        new Random(42).nextBytes(data);
        try (WritableFile file = fs.create("big.bin")) {
            file.write(ByteBuffer.wrap(data));
            file.sync();
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (ReadableFile file = fs.openForRead("big.bin")) {
            List<Future<Void>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 500; i++) {
                        int length = 1 + random.nextInt(4096);
                        int at = random.nextInt(size - length);
                        ByteBuffer buffer = ByteBuffer.allocate(length);
                        file.readFully(buffer, at);
                        for (int j = 0; j < length; j++) {
                            if (buffer.get(j) != data[at + j]) {
                                throw new AssertionError("wrong byte at " + (at + j));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    protected interface ThrowingCall {
        void run() throws Exception;
    }
}
