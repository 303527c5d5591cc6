package io.proximadb.bench.wal;

import io.proximadb.kernel.wal.FsyncPolicy;
import io.proximadb.kernel.wal.WalOptions;
import io.proximadb.kernel.wal.WriteAheadLog;
import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.ReadableFile;
import io.proximadb.spi.fs.WritableFile;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.wal.WalCodec;
import io.proximadb.spi.wal.WalEntry;
import io.proximadb.storage.fs.local.LocalFileSystemProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How much group commit buys: N writer threads append single 128-dimension upserts to a log on the
 * local disk for a few seconds, under {@code GROUP} and under {@code ALWAYS}, and the harness
 * prints appends/s and fsyncs/s for each setting, then one JSON object on the last line.
 *
 * <pre>
 * java -cp bench/target/...:deps io.proximadb.bench.wal.GroupCommitBenchmark [seconds=5] [threads=1,4,16,64] [codec=bincode] [dir=tmp]
 * </pre>
 *
 * A plain harness rather than JMH: JMH's {@code @Threads} is fixed per run, and what matters here
 * is the curve over thread counts. Numbers depend entirely on the disk's fsync latency.
 */
public final class GroupCommitBenchmark {

    private GroupCommitBenchmark() {
    }

    record Result(String policy, int threads, double appendsPerSecond, double fsyncsPerSecond, double p50Micros) {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int[] threadCounts = args.length > 1
                ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 4, 16, 64};
        String codecName = args.length > 2 ? args[2] : "bincode";
        Path base = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("proxima-wal-bench");
        WalCodec codec = ServiceLoader.load(WalCodec.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c.name().equals(codecName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no WAL codec named '" + codecName + "'"));
        List<Result> results = new ArrayList<>();
        for (FsyncPolicy policy : new FsyncPolicy[] {FsyncPolicy.GROUP, FsyncPolicy.ALWAYS}) {
            for (int threads : threadCounts) {
                Result result = run(base.resolve(policy + "-" + threads), codec, policy, threads, seconds);
                results.add(result);
                System.out.printf(Locale.ROOT, "%-6s threads=%-3d appends/s=%10.0f fsyncs/s=%8.0f p50=%8.0f us%n",
                        result.policy(), result.threads(), result.appendsPerSecond(), result.fsyncsPerSecond(),
                        result.p50Micros());
            }
        }
        StringBuilder json = new StringBuilder("{\"benchmark\":\"wal-group-commit\",\"codec\":\"" + codecName
                + "\",\"seconds\":" + seconds + ",\"results\":[");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"policy\":\"%s\",\"threads\":%d,\"appendsPerSecond\":%.1f,\"fsyncsPerSecond\":%.1f,\"p50Micros\":%.1f}",
                    r.policy(), r.threads(), r.appendsPerSecond(), r.fsyncsPerSecond(), r.p50Micros()));
        }
        System.out.println(json.append("]}"));
    }

    static Result run(Path dir, WalCodec codec, FsyncPolicy policy, int threads, double seconds) throws Exception {
        CountingFileSystem fs = new CountingFileSystem(new LocalFileSystemProvider().open(dir));
        LongAdder appends = new LongAdder();
        long[] latencies = new long[threads];
        try (WriteAheadLog wal = WriteAheadLog.open(fs, "wal", codec, WalOptions.defaults().withFsync(policy), e -> { })) {
            long syncsBefore = fs.syncs.get();
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(Thread.ofPlatform().start(() -> {
                    float[] vector = new float[128];
                    List<Long> samples = new ArrayList<>();
                    try {
                        for (long i = 0; System.nanoTime() < deadline; i++) {
                            long start = System.nanoTime();
                            wal.append(List.of(new WalEntry.Upsert(0, "bench",
                                    new VectorRecord("t" + thread + "-" + i, vector))));
                            if ((i & 7) == 0) {
                                samples.add(System.nanoTime() - start);
                            }
                            appends.increment();
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    samples.sort(null);
                    latencies[thread] = samples.isEmpty() ? 0 : samples.get(samples.size() / 2);
                }));
            }
            for (Thread writer : writers) {
                writer.join();
            }
            long syncs = fs.syncs.get() - syncsBefore;
            java.util.Arrays.sort(latencies);
            return new Result(policy.name(), threads, appends.sum() / seconds, syncs / seconds,
                    latencies[threads / 2] / 1e3);
        } finally {
            fs.delete("wal");
        }
    }

    /** Counts file syncs; everything else goes straight through. */
    static final class CountingFileSystem implements FileSystem {
        final AtomicLong syncs = new AtomicLong();
        private final FileSystem delegate;

        CountingFileSystem(FileSystem delegate) {
            this.delegate = delegate;
        }

        @Override
        public WritableFile create(String path) throws IOException {
            return counting(delegate.create(path));
        }

        @Override
        public WritableFile append(String path) throws IOException {
            return counting(delegate.append(path));
        }

        private WritableFile counting(WritableFile file) {
            return new WritableFile() {
                @Override
                public void write(ByteBuffer source) throws IOException {
                    file.write(source);
                }

                @Override
                public void sync() throws IOException {
                    syncs.incrementAndGet();
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
}
