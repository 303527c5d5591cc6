package io.proximadb.spi.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargePagesTest {

    private static final long MIB = 1L << 20;
    private static final Pattern MAPPING = Pattern.compile("[0-9a-f]+-[0-9a-f]+ ");

    @Test
    void largeAllocationsAreZeroedWritableAlignedAndExactlySized() {
        long bytes = 5 * MIB + 3;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = LargePages.allocate(arena, bytes);
            assertEquals(bytes, memory.byteSize());
            assertEquals(0, memory.address() % 64);
            assertEquals(-1, memory.mismatch(arena.allocate(bytes)), "fresh memory must read as zeros");
            memory.set(ValueLayout.JAVA_BYTE, bytes - 1, (byte) 7);
            memory.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, -1L);
            assertEquals(7, memory.get(ValueLayout.JAVA_BYTE, bytes - 1));
            assertEquals(-1L, memory.get(ValueLayout.JAVA_LONG_UNALIGNED, 0));
        }
    }

    @Test
    void memoryIsGoneWithItsArena() {
        Arena arena = Arena.ofShared();
        MemorySegment memory = LargePages.allocate(arena, 4 * MIB);
        memory.set(ValueLayout.JAVA_INT, 0, 1);
        arena.close();
        assertThrows(IllegalStateException.class, () -> memory.get(ValueLayout.JAVA_INT, 0));
    }

    @Test
    void aClosedArenaIsRefusedAsArenaAllocateRefusesIt() {
        Arena arena = Arena.ofShared();
        arena.close();
        assertThrows(IllegalStateException.class, () -> LargePages.allocate(arena, 4 * MIB));
        assertThrows(IllegalStateException.class, () -> LargePages.allocate(arena, 1000));
    }

    @Test
    void smallAllocationsComeFromTheArenaAsUsual() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = LargePages.allocate(arena, 1000);
            assertEquals(1000, memory.byteSize());
            assertEquals(0, memory.address() % 64);
            assertFalse(advisedForHugePages(memory), "below 2 MiB there is nothing to advise");
        }
    }

    @Test
    void onLinuxTheMemoryIsAdvisedForHugePages() throws IOException {
        assumeTrue(LargePages.status().startsWith("on"), LargePages.status());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = LargePages.allocate(arena, 6 * MIB);
            assertTrue(advisedForHugePages(memory), "the mapping under the memory carries MADV_HUGEPAGE (hg)");
            assertEquals(0, memory.address() % LargePages.HUGE_PAGE_BYTES, "huge pages need a 2 MiB boundary");
        }
    }

    @Test
    void mappedFilesAreAdvisedAndTheirContentsUnchanged(@TempDir Path directory) throws IOException {
        assumeTrue(LargePages.status().startsWith("on"), LargePages.status());
        Path file = directory.resolve("segment");
        byte[] contents = new byte[(int) (6 * MIB)];
        for (int i = 0; i < contents.length; i++) {
            contents[i] = (byte) (i * 31);
        }
        Files.write(file, contents);
        try (Arena arena = Arena.ofConfined(); FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            assertTrue(LargePages.advise(mapped));
            assertTrue(advisedForHugePages(mapped.asSlice(mapped.byteSize() / 2)));
            assertEquals(-1, mapped.mismatch(MemorySegment.ofArray(contents)));
        }
    }

    @Test
    void adviceIsRefusedWhereItCannotApply() {
        assertFalse(LargePages.advise(MemorySegment.ofArray(new byte[(int) (4 * MIB)])), "heap memory");
        try (Arena arena = Arena.ofConfined()) {
            assertFalse(LargePages.advise(arena.allocate(MIB)), "smaller than one huge page");
        }
    }

    @Test
    void thePropertyTurnsHugePagesOff() {
        String before = System.getProperty(LargePages.PROPERTY);
        System.setProperty(LargePages.PROPERTY, "off");
        try (Arena arena = Arena.ofConfined()) {
            assertTrue(LargePages.status().startsWith("off"), LargePages.status());
            assertFalse(LargePages.available(), "not available when turned off");
            MemorySegment memory = LargePages.allocate(arena, 4 * MIB);
            assertEquals(4 * MIB, memory.byteSize());
            assertFalse(advisedForHugePages(memory));
        } finally {
            if (before == null) {
                System.clearProperty(LargePages.PROPERTY);
            } else {
                System.setProperty(LargePages.PROPERTY, before);
            }
        }
    }

    @Test
    void theStatusNamesTheKernelsSetting() {
        assumeTrue(LargePages.status().startsWith("on"), LargePages.status());
        String setting = LargePages.transparentHugePageSetting();
        assertTrue(List.of("always", "madvise", "never").contains(setting), setting);
        assertTrue(LargePages.status().contains("transparent_hugepage: " + setting), LargePages.status());
    }

    @Test
    void hugePagesAreAvailableWhereAskedForAndTheKernelDoesNotRefuseThem() {
        boolean asked = LargePages.status().startsWith("on");
        assertEquals(asked && !"never".equals(LargePages.transparentHugePageSetting()), LargePages.available(),
                LargePages.status());
    }

    @Test
    void roundsUpToMultiples() {
        assertEquals(0, LargePages.roundUp(0, 64));
        assertEquals(64, LargePages.roundUp(1, 64));
        assertEquals(64, LargePages.roundUp(64, 64));
        assertEquals(4 * MIB, LargePages.roundUp(2 * MIB + 1, 2 * MIB));
    }

    /**
     * Whether the mapping that holds {@code memory}'s first byte carries {@code hg} in its
     * {@code VmFlags} ({@code /proc/self/smaps}): what {@code madvise(MADV_HUGEPAGE)} sets, whether
     * or not the kernel found free huge pages for it.
     */
    private static boolean advisedForHugePages(MemorySegment memory) {
        Path smaps = Path.of("/proc/self/smaps");
        if (!Files.isReadable(smaps)) {
            return false;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(smaps);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        long address = memory.address();
        boolean inside = false;
        for (String line : lines) {
            if (MAPPING.matcher(line).lookingAt()) { // "7f2c00000000-7f2c00600000 rw-p ...": a mapping starts
                int dash = line.indexOf('-');
                long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
                long end = Long.parseUnsignedLong(line.substring(dash + 1, line.indexOf(' ')), 16);
                inside = address >= start && address < end;
            } else if (inside && line.startsWith("VmFlags:")) {
                return List.of(line.substring("VmFlags:".length()).trim().split(" ")).contains("hg");
            }
        }
        return false;
    }
}
