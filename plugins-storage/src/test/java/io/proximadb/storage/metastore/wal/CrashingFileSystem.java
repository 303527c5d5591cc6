package io.proximadb.storage.metastore.wal;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.ReadableFile;
import io.proximadb.spi.fs.WritableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Predicate;

/**
 * A filesystem that "kills the process" at a chosen step: every call that changes the disk is a
 * numbered {@link Step}, and the first one matching the crash predicate throws {@link Crash}
 * instead of running (a write may run half first: a torn write). After that every call throws, as
 * nothing runs in a dead process. The disk underneath keeps what was done, unsynced bytes
 * included: this models {@code kill -9}, where the page cache survives, not a power cut.
 */
final class CrashingFileSystem implements FileSystem {

    /** One change to the disk: its number (from 1), what it is, and the path it touches. */
    record Step(int number, String kind, String path) {
    }

    /** The simulated death of the process. */
    static final class Crash extends RuntimeException {
        Crash(Step step) {
            super("simulated crash at " + step, null, false, false);
        }
    }

    private final FileSystem disk;
    private final Predicate<Step> crashAt;
    private final boolean tearWrites;
    private int steps;
    private Step crashed;

    CrashingFileSystem(FileSystem disk, Predicate<Step> crashAt, boolean tearWrites) {
        this.disk = disk;
        this.crashAt = crashAt;
        this.tearWrites = tearWrites;
    }

    /** How many steps ran or were attempted. */
    synchronized int steps() {
        return steps;
    }

    /** The step that crashed, or null. */
    synchronized Step crashed() {
        return crashed;
    }

    /** Counts a step; returns true when it is the one to crash at, having marked the process dead. */
    private synchronized boolean step(String kind, String path) {
        if (crashed != null) {
            throw new Crash(crashed);
        }
        Step step = new Step(++steps, kind, path);
        if (crashAt.test(step)) {
            crashed = step;
            return true;
        }
        return false;
    }

    private void stepOrCrash(String kind, String path) {
        if (step(kind, path)) {
            throw new Crash(crashed);
        }
    }

    private synchronized void alive() {
        if (crashed != null) {
            throw new Crash(crashed);
        }
    }

    @Override
    public WritableFile create(String path) throws IOException {
        stepOrCrash("create", path);
        return new Writable(path, disk.create(path));
    }

    @Override
    public WritableFile append(String path) throws IOException {
        alive();
        return new Writable(path, disk.append(path));
    }

    @Override
    public ReadableFile openForRead(String path) throws IOException {
        alive();
        return disk.openForRead(path);
    }

    @Override
    public boolean exists(String path) throws IOException {
        alive();
        return disk.exists(path);
    }

    @Override
    public long size(String path) throws IOException {
        alive();
        return disk.size(path);
    }

    @Override
    public List<String> list(String directory) throws IOException {
        alive();
        return disk.list(directory);
    }

    @Override
    public void createDirectories(String directory) throws IOException {
        stepOrCrash("createDirectories", directory);
        disk.createDirectories(directory);
    }

    @Override
    public void rename(String source, String target) throws IOException {
        stepOrCrash("rename", source + " -> " + target);
        disk.rename(source, target);
    }

    @Override
    public void delete(String path) throws IOException {
        stepOrCrash("delete", path);
        disk.delete(path);
    }

    @Override
    public void truncate(String path, long length) throws IOException {
        stepOrCrash("truncate", path);
        disk.truncate(path, length);
    }

    @Override
    public void syncDirectory(String directory) throws IOException {
        stepOrCrash("syncDirectory", directory);
        disk.syncDirectory(directory);
    }

    @Override
    public void close() throws IOException {
        disk.close();
    }

    private final class Writable implements WritableFile {
        private final String path;
        private final WritableFile file;

        Writable(String path, WritableFile file) {
            this.path = path;
            this.file = file;
        }

        @Override
        public void write(ByteBuffer source) throws IOException {
            if (step("write", path)) {
                if (tearWrites && source.remaining() > 1) {
                    ByteBuffer half = source.slice(source.position(), source.remaining() / 2);
                    file.write(half);
                }
                throw new Crash(crashed);
            }
            file.write(source);
        }

        @Override
        public void sync() throws IOException {
            stepOrCrash("sync", path);
            file.sync();
        }

        @Override
        public long length() throws IOException {
            alive();
            return file.length();
        }

        @Override
        public void close() throws IOException {
            // Closing after the crash is the test tidying up; the "process" did nothing more.
            file.close();
        }
    }
}
