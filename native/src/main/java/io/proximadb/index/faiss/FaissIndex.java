package io.proximadb.index.faiss;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.record.Metric;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;

/**
 * A FAISS index owned through the shim's handle. Searches run concurrently (each passes its own
 * parameters and filter, FAISS's index is never modified after the build); {@link #close} waits
 * for running searches, frees the native index and makes later calls fail instead of touching
 * freed memory. Every search allocates its query, filter bitmap and results in a confined arena
 * freed when it returns.
 */
final class FaissIndex implements VectorIndex {

    private static final Comparator<Neighbor> NEAREST_FIRST =
            Comparator.comparingDouble(Neighbor::distance).thenComparingInt(Neighbor::ordinal);

    private final FaissLibrary library;
    private final Metric metric;
    private final int dimension;
    private final int size;
    private final String factory;
    private final boolean hnsw;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private MemorySegment handle; // guarded by lock; NULL once closed
    private volatile long memoryBytes = -1;

    FaissIndex(FaissLibrary library, MemorySegment handle, Metric metric, int dimension, int size, String factory) {
        this.library = library;
        this.handle = handle;
        this.metric = metric;
        this.dimension = dimension;
        this.size = size;
        this.factory = factory;
        this.hnsw = library.isHnsw(handle);
    }

    @Override
    public List<Neighbor> search(float[] query, int k, IntPredicate accept, Map<String, String> params) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query dimension " + query.length + " does not match the index dimension " + dimension);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        FaissParams.Query parameters = FaissParams.query(params, hnsw);
        if (size == 0) {
            return List.of();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bitmap = MemorySegment.NULL;
            int wanted = Math.min(k, size);
            if (accept != null) {
                bitmap = arena.allocate((size + 7) / 8);
                int accepted = fillBitmap(accept, bitmap);
                if (accepted == 0) {
                    return List.of();
                }
                wanted = Math.min(wanted, accepted);
            }
            MemorySegment queryRow = arena.allocate(JAVA_FLOAT, dimension);
            VectorFeed.copy(query, metric == Metric.COSINE, queryRow, 0);
            MemorySegment distances = arena.allocate(JAVA_FLOAT, wanted);
            MemorySegment labels = arena.allocate(JAVA_LONG, wanted);
            lock.readLock().lock();
            try {
                int status = (int) library.search.invokeExact(open(), queryRow, dimension, (long) wanted, bitmap, (long) size,
                        parameters.ef(), parameters.nprobe(), distances, labels);
                library.check(status, "search");
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            } finally {
                lock.readLock().unlock();
            }
            return neighbors(distances, labels, wanted);
        }
    }

    /**
     * Every accepted vector whose ranking distance to {@code query} is below {@code maxDistance}
     * (squared for l2), nearest first, found by FAISS's range search. Flat and IVF indexes support
     * it; others (HNSW in FAISS 1.7.3) fail with FAISS's message.
     */
    List<Neighbor> searchWithin(float[] query, float maxDistance, IntPredicate accept) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query dimension " + query.length + " does not match the index dimension " + dimension);
        }
        if (size == 0) {
            return List.of();
        }
        // FAISS keeps l2 results below the radius and inner-product results above it.
        float radius = switch (metric) {
            case L2 -> maxDistance;
            case DOT -> -maxDistance;
            case COSINE -> 1f - maxDistance;
            case MANHATTAN -> throw new IllegalStateException("faiss indexes are never built for manhattan");
        };
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bitmap = MemorySegment.NULL;
            if (accept != null) {
                bitmap = arena.allocate((size + 7) / 8);
                if (fillBitmap(accept, bitmap) == 0) {
                    return List.of();
                }
            }
            MemorySegment queryRow = arena.allocate(JAVA_FLOAT, dimension);
            VectorFeed.copy(query, metric == Metric.COSINE, queryRow, 0);
            MemorySegment result = arena.allocate(ADDRESS);
            MemorySegment count = arena.allocate(JAVA_LONG);
            lock.readLock().lock();
            try {
                library.check((int) library.rangeSearch.invokeExact(open(), queryRow, dimension, radius, bitmap, (long) size,
                        result, count), "range_search");
                MemorySegment handle = result.get(ADDRESS, 0);
                try {
                    int found = Math.toIntExact(count.get(JAVA_LONG, 0));
                    MemorySegment distances = arena.allocate(JAVA_FLOAT, Math.max(1, found));
                    MemorySegment labels = arena.allocate(JAVA_LONG, Math.max(1, found));
                    library.check((int) library.rangeCopy.invokeExact(handle, distances, labels), "range_search");
                    return neighbors(distances, labels, found);
                } finally {
                    library.check((int) library.blobFree.invokeExact(handle), "free");
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            } finally {
                lock.readLock().unlock();
            }
        }
    }

    @Override
    @SuppressWarnings("restricted") // sizes the shim's buffer, whose length the shim returned
    public long writeTo(WritableByteChannel out) throws IOException {
        lock.readLock().lock();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment blob = arena.allocate(ADDRESS);
            MemorySegment data = arena.allocate(ADDRESS);
            MemorySegment length = arena.allocate(JAVA_LONG);
            library.check((int) library.serialize.invokeExact(open(), blob, data, length), "write_index");
            try {
                MemorySegment payload = data.get(ADDRESS, 0).reinterpret(length.get(JAVA_LONG, 0));
                return FaissFormat.write(out, metric, dimension, size, factory, payload);
            } finally {
                library.check((int) library.blobFree.invokeExact(blob.get(ADDRESS, 0)), "free");
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** FAISS keeps no count of its memory; its serialized size, measured once, is close to it. */
    @Override
    public long memoryBytes() {
        long bytes = memoryBytes;
        if (bytes < 0) {
            CountingChannel counter = new CountingChannel();
            try {
                writeTo(counter);
            } catch (IOException | IllegalStateException e) {
                return 0; // closed meanwhile: it holds nothing
            }
            bytes = counter.count;
            memoryBytes = bytes;
        }
        return bytes;
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (handle != null && !handle.equals(MemorySegment.NULL)) {
                library.check((int) library.free.invokeExact(handle), "free");
            }
            handle = MemorySegment.NULL;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private MemorySegment open() {
        if (handle.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("faiss index is closed");
        }
        return handle;
    }

    /** Sets bit {@code i} (LSB first) for each accepted ordinal; returns how many. */
    private int fillBitmap(IntPredicate accept, MemorySegment bitmap) {
        int accepted = 0;
        for (int first = 0; first < size; first += 8) {
            int bits = 0;
            for (int i = first, end = Math.min(size, first + 8); i < end; i++) {
                if (accept.test(i)) {
                    bits |= 1 << (i - first);
                    accepted++;
                }
            }
            bitmap.set(JAVA_BYTE, first >>> 3, (byte) bits);
        }
        return accepted;
    }

    private List<Neighbor> neighbors(MemorySegment distances, MemorySegment labels, int count) {
        List<Neighbor> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long label = labels.getAtIndex(JAVA_LONG, i);
            if (label >= 0) {
                result.add(new Neighbor((int) label, rankingDistance(distances.getAtIndex(JAVA_FLOAT, i))));
            }
        }
        result.sort(NEAREST_FIRST);
        return result;
    }

    /** FAISS's L2 is already squared; its inner product is a similarity, higher is closer. */
    private float rankingDistance(float faiss) {
        return switch (metric) {
            case L2 -> faiss;
            case DOT -> -faiss;
            case COSINE -> 1f - faiss;
            case MANHATTAN -> throw new IllegalStateException("faiss indexes are never built for manhattan");
        };
    }

    /** Counts what {@link #writeTo} writes, keeping none of it. */
    private static final class CountingChannel implements WritableByteChannel {
        long count;

        @Override
        public int write(java.nio.ByteBuffer source) {
            int n = source.remaining();
            source.position(source.limit());
            count += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
