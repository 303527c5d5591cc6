package io.proximadb.bench.ann;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes {@code .fvecs}, the format the peer drivers read: per row a little-endian int32 dimension,
 * then that many float32.
 */
final class Fvecs {

    private Fvecs() {
    }

    /**
     * Writes {@code rows} to {@code file} unless it already holds that many rows of that dimension
     * (the data set's vectors do not change between runs). Written aside, then moved into place, so
     * that an interrupted run leaves no short file behind to be taken for a whole one.
     */
    static void writeOnce(Path file, float[][] rows) throws IOException {
        int dimension = rows.length == 0 ? 0 : rows[0].length;
        long size = (long) rows.length * (Integer.BYTES + (long) dimension * Float.BYTES);
        if (Files.isRegularFile(file) && Files.size(file) == size) {
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        ByteBuffer row = ByteBuffer.allocate(Integer.BYTES + dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
            for (float[] vector : rows) {
                if (vector.length != dimension) {
                    throw new IllegalArgumentException("rows differ in dimension: " + vector.length + " and " + dimension);
                }
                row.clear();
                row.putInt(dimension);
                for (float value : vector) {
                    row.putFloat(value);
                }
                out.write(row.array());
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
