package io.proximadb.storage.segment.viper;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A {@link ByteSink} that fills a byte array and asks its subclass for room when the array is
 * full: {@link ByteChunks} grows or starts a chunk, {@link SectionOutput} compresses and writes a
 * block. Primitives go in with one little-endian store when they fit. Not thread-safe.
 */
abstract class BlockSink implements ByteSink {

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** The array being filled, and how many of its bytes are used. */
    protected byte[] block;
    protected int fill;

    BlockSink(byte[] block) {
        this.block = block;
    }

    /** Called when {@link #block} is full: afterwards it must have room for at least one byte. */
    protected abstract void full();

    @Override
    public final void putByte(int value) {
        if (fill == block.length) {
            full();
        }
        block[fill++] = (byte) value;
    }

    @Override
    public final void putBytes(byte[] bytes, int offset, int length) {
        int done = 0;
        while (done < length) {
            if (fill == block.length) {
                full();
            }
            int n = Math.min(length - done, block.length - fill);
            System.arraycopy(bytes, offset + done, block, fill, n);
            fill += n;
            done += n;
        }
    }

    @Override
    public final void putLong(long value) {
        if (block.length - fill >= Long.BYTES) {
            LONG_LE.set(block, fill, value);
            fill += Long.BYTES;
        } else {
            for (int i = 0; i < Long.BYTES; i++) {
                putByte((int) (value >>> (8 * i)));
            }
        }
    }

    @Override
    public final void putInt(int value) {
        if (block.length - fill >= Integer.BYTES) {
            INT_LE.set(block, fill, value);
            fill += Integer.BYTES;
        } else {
            for (int i = 0; i < Integer.BYTES; i++) {
                putByte(value >>> (8 * i));
            }
        }
    }
}
