package io.proximadb.spi.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Off-heap memory for data that searches read at random (graphs, codes, vectors held in memory),
 * backed by 2 MiB pages where Linux allows it.
 *
 * <p>Why: a graph walk reads a few thousand bytes at each of hundreds of random places in hundreds
 * of megabytes. With 4 KiB pages nearly every one of those reads also misses the TLB, whose few
 * thousand entries cover about 12 MiB, and waits for a page-table walk; with 2 MiB pages the whole
 * of a fashion-mnist index fits the TLB. Measured on the float32 hnsw walk over fashion-mnist: about
 * a third more queries per second (decision 0010, {@code docs/bench/ann.md}).
 *
 * <p>How: anonymous memory from {@code mmap}, advised with {@code madvise(MADV_HUGEPAGE)} before
 * anything touches it, so that the kernel backs each aligned 2 MiB of it with one huge page at the
 * first fault. That works under the usual {@code transparent_hugepage=madvise} setting, which gives
 * huge pages to no memory that did not ask, and under {@code always}; under {@code never} the memory
 * is ordinary. {@code Arena.allocate} cannot serve: it fills its memory with zeros before returning,
 * and memory already touched gets its huge pages only when {@code khugepaged} gets round to it.
 * Anonymous memory is zero already.
 *
 * <p>Elsewhere (another OS, or {@code -Dproxima.memory.huge_pages=off}, or when {@code mmap} fails)
 * and below 2 MiB the memory comes from the arena as usual. Memory from {@code mmap} is not counted
 * against {@code -XX:MaxDirectMemorySize}.
 */
public final class LargePages {

    /** {@code off} turns huge pages off, for comparisons and for trouble. */
    public static final String PROPERTY = "proxima.memory.huge_pages";

    /** The size of a huge page on x86-64 and aarch64 (with 4 KiB base pages); smaller allocations get ordinary pages. */
    public static final long HUGE_PAGE_BYTES = 2L << 20;

    // Linux's values, the same on x86-64 and aarch64.
    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    private static final int MADV_HUGEPAGE = 14;
    private static final long MAP_FAILED = -1L;

    private static final Calls CALLS = Calls.find();

    static {
        // Once per process, where whoever runs it can see whether indexes got what they asked for.
        System.getLogger(LargePages.class.getName())
                .log(System.Logger.Level.INFO, "huge pages for indexes: {0}", status());
    }

    private LargePages() {
    }

    /**
     * {@code bytes} of zeroed memory, aligned to at least 64 bytes, freed when {@code arena} closes;
     * backed by huge pages where that is possible.
     */
    public static MemorySegment allocate(Arena arena, long bytes) {
        if (bytes < HUGE_PAGE_BYTES || !asking()) {
            return arena.allocate(bytes, 64);
        }
        long advised = roundUp(bytes, HUGE_PAGE_BYTES);
        long mapped = advised + HUGE_PAGE_BYTES; // room to start on a 2 MiB boundary wherever mmap puts it
        long base = CALLS.mmap(mapped);
        if (base == MAP_FAILED || base == 0) {
            return arena.allocate(bytes, 64);
        }
        long start = roundUp(base, HUGE_PAGE_BYTES);
        // A refused advice leaves ordinary pages, which is all the fallback would give either.
        CALLS.madvise(start, advised, MADV_HUGEPAGE);
        try {
            return MemorySegment.ofAddress(start).reinterpret(bytes, arena, unused -> CALLS.munmap(base, mapped));
        } catch (RuntimeException e) {
            // A closed arena, or native access denied to this module: the mapping must not leak.
            CALLS.munmap(base, mapped);
            throw e;
        }
    }

    /**
     * Asks for huge pages under a mapped file, for its 2 MiB-aligned part. The kernel honours it
     * for pages it reads from disk from then on (read-ahead in 2 MiB folios, mapped whole), not
     * for pages already in the page cache, so it pays where a file is read cold, as an index
     * opened after a restart is. Each miss then reads 2 MiB: for files read whole, not for a few
     * records of a file larger than memory. Advice only: returns whether it was given.
     */
    public static boolean advise(MemorySegment mapped) {
        if (mapped.byteSize() < HUGE_PAGE_BYTES || !mapped.isNative() || !asking()) {
            return false;
        }
        long start = roundUp(mapped.address(), HUGE_PAGE_BYTES);
        long end = (mapped.address() + mapped.byteSize()) / HUGE_PAGE_BYTES * HUGE_PAGE_BYTES;
        return end > start && CALLS.madvise(start, end - start, MADV_HUGEPAGE);
    }

    /**
     * Whether {@link #allocate} asks for huge pages here, and if not, why not; with the kernel's
     * {@code transparent_hugepage} setting, under which {@code never} refuses every request.
     */
    public static String status() {
        if (CALLS == null) {
            return "off: not on Linux, or mmap and madvise cannot be called";
        }
        if (!asking()) {
            return "off: " + PROPERTY + "=off";
        }
        return "on: madvise(MADV_HUGEPAGE) on allocations of 2 MiB and more (transparent_hugepage: "
                + transparentHugePageSetting() + ")";
    }

    /**
     * Whether {@link #allocate} gets huge pages here: it asks for them, and the kernel's
     * {@code transparent_hugepage} setting is not {@code never}. For callers deciding whether a copy
     * into such memory pays at all.
     */
    public static boolean available() {
        return asking() && !"never".equals(transparentHugePageSetting());
    }

    /** The bracketed word of {@code /sys/kernel/mm/transparent_hugepage/enabled}, or {@code unknown}. */
    static String transparentHugePageSetting() {
        try {
            String line = Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
            int open = line.indexOf('[');
            int close = line.indexOf(']', open + 1);
            return open >= 0 && close > open ? line.substring(open + 1, close) : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Whether huge pages are asked for: the calls are bound and the property does not turn them off. */
    private static boolean asking() {
        return CALLS != null && !"off".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    static long roundUp(long value, long multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** The three libc calls, bound once; {@code null} where they cannot be. */
    private record Calls(MethodHandle mmap, MethodHandle madvise, MethodHandle munmap) {

        static Calls find() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                ValueLayout.OfLong size = ValueLayout.JAVA_LONG;
                MethodHandle mmap = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                        FunctionDescriptor.of(size, size, size, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT, size));
                MethodHandle madvise = linker.downcallHandle(libc.find("madvise").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, size, size, ValueLayout.JAVA_INT));
                MethodHandle munmap = linker.downcallHandle(libc.find("munmap").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, size, size));
                return new Calls(mmap, madvise, munmap);
            } catch (RuntimeException | LinkageError e) {
                // No native access (a restricted module, another C library): ordinary memory it is.
                return null;
            }
        }

        long mmap(long bytes) {
            try {
                return (long) mmap.invokeExact(0L, bytes, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0L);
            } catch (Throwable e) {
                return MAP_FAILED;
            }
        }

        boolean madvise(long address, long bytes, int advice) {
            try {
                return (int) madvise.invokeExact(address, bytes, advice) == 0;
            } catch (Throwable e) {
                return false; // advice only
            }
        }

        void munmap(long address, long bytes) {
            try {
                int ignored = (int) munmap.invokeExact(address, bytes);
            } catch (Throwable e) {
                throw new IllegalStateException("munmap of " + bytes + " bytes at " + address + " failed", e);
            }
        }
    }
}
