package io.proximadb.bench.ann;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code .ivecs}: for each row, a little-endian int32 length, then that many int32 values. */
public final class Ivecs {

    private Ivecs() {
    }

    public static int[][] read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<int[]> rows = new ArrayList<>();
        while (bytes.hasRemaining()) {
            if (bytes.remaining() < Integer.BYTES) {
                throw new IOException(file + " is truncated after row " + rows.size());
            }
            int length = bytes.getInt();
            if (length < 0 || (long) length * Integer.BYTES > bytes.remaining()) {
                throw new IOException(file + ": row " + rows.size() + " claims " + length + " values but "
                        + bytes.remaining() / Integer.BYTES + " remain");
            }
            int[] row = new int[length];
            bytes.asIntBuffer().get(row);
            bytes.position(bytes.position() + length * Integer.BYTES);
            rows.add(row);
        }
        return rows.toArray(int[][]::new);
    }
}
