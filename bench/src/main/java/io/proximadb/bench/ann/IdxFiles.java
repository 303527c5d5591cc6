package io.proximadb.bench.ann;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files of the MNIST family (big-endian header, then unsigned bytes), gzip-compressed
 * when the name ends in {@code .gz}: images as float32 rows (pixel 0–255 as is), labels as bytes.
 */
public final class IdxFiles {

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxFiles() {
    }

    /** The images of an {@code idx3-ubyte} file, one row of {@code rows × columns} floats each. */
    public static float[][] readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new IOException(file + " is not an IDX image file: magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x" + Integer.toHexString(IMAGES_MAGIC));
            }
            int count = in.readInt();
            int dimension = Math.multiplyExact(in.readInt(), in.readInt());
            float[][] images = new float[count][dimension];
            byte[] row = new byte[dimension];
            for (float[] image : images) {
                readFully(in, row, file);
                for (int i = 0; i < dimension; i++) {
                    image[i] = row[i] & 0xff;
                }
            }
            return images;
        }
    }

    /** The labels of an {@code idx1-ubyte} file. */
    public static byte[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new IOException(file + " is not an IDX label file: magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x" + Integer.toHexString(LABELS_MAGIC));
            }
            byte[] labels = new byte[in.readInt()];
            readFully(in, labels, file);
            return labels;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new DataInputStream(new BufferedInputStream(in, 1 << 16));
    }

    private static void readFully(DataInputStream in, byte[] target, Path file) throws IOException {
        try {
            in.readFully(target);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated: fewer records than its header says", e);
        }
    }
}
