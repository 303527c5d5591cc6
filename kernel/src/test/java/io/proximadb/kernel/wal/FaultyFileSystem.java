package io.proximadb.kernel.wal;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.ReadableFile;
import io.proximadb.spi.fs.WritableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A filesystem that counts syncs and can be told to fail them, as a dying disk does. */
final class FaultyFileSystem implements FileSystem {

    final AtomicInteger fileSyncs = new AtomicInteger();
    volatile boolean failSyncs;
    private final FileSystem delegate;

    FaultyFileSystem(FileSystem delegate) {
        this.delegate = delegate;
    }

    private WritableFile wrap(WritableFile file) {
        return new WritableFile() {
            @Override
            public void write(ByteBuffer source) throws IOException {
                file.write(source);
            }

            @Override
            public void sync() throws IOException {
                if (failSyncs) {
                    throw new IOException("simulated EIO from fsync");
                }
                fileSyncs.incrementAndGet();
                file.sync();
            }

            @Override
            public long length() throws IOException {
                return file.length();
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }

    @Override
    public WritableFile create(String path) throws IOException {
        return wrap(delegate.create(path));
    }

    @Override
    public WritableFile append(String path) throws IOException {
        return wrap(delegate.append(path));
    }

    @Override
    public ReadableFile openForRead(String path) throws IOException {
        return delegate.openForRead(path);
    }

    @Override
    public boolean exists(String path) throws IOException {
        return delegate.exists(path);
    }

    @Override
    public long size(String path) throws IOException {
        return delegate.size(path);
    }

    @Override
    public List<String> list(String directory) throws IOException {
        return delegate.list(directory);
    }

    @Override
    public void createDirectories(String directory) throws IOException {
        delegate.createDirectories(directory);
    }

    @Override
    public void rename(String source, String target) throws IOException {
        delegate.rename(source, target);
    }

    @Override
    public void delete(String path) throws IOException {
        delegate.delete(path);
    }

    @Override
    public void truncate(String path, long length) throws IOException {
        delegate.truncate(path, length);
    }

    @Override
    public void syncDirectory(String directory) throws IOException {
        delegate.syncDirectory(directory);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
