package io.proximadb.bench.ann;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A peer's answers in one measured pass, read from the file its driver wrote: per query, an int64
 * latency in nanoseconds then {@code k} int32 base ids, nearest first ({@code -1} where fewer were
 * found), little-endian.
 *
 * @param latencyNanos per query, the time of its search call
 * @param ids          per query, the ids returned
 */
record PeerAnswers(long[] latencyNanos, int[][] ids) {

    static PeerAnswers read(Path file, int queries, int k) throws IOException {
        long record = Long.BYTES + (long) k * Integer.BYTES;
        long size = Files.size(file);
        if (size != queries * record) {
            throw new IOException(file + " holds " + size + " bytes; " + queries + " queries of k = " + k
                    + " take " + queries * record);
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long[] latencies = new long[queries];
        int[][] ids = new int[queries][k];
        for (int q = 0; q < queries; q++) {
            latencies[q] = bytes.getLong();
            for (int j = 0; j < k; j++) {
                ids[q][j] = bytes.getInt();
            }
        }
        return new PeerAnswers(latencies, ids);
    }
}
