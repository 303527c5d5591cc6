package io.proximadb.bench.load;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One bulk ingest: what was sent, how, and how long until the server had acknowledged all of it.
 *
 * @param protocol  {@code grpc} (UpsertStream) or {@code rest} (PUT .../records)
 * @param baseVectors whether these were the data set's base vectors (else synthetic ones)
 * @param index     the collection's index plugin, whose flushes run during the ingest
 * @param dimension the vectors' dimension
 * @param count     records written
 * @param batch     records in the largest message or request
 * @param streams   concurrent streams or senders
 * @param seconds   first request sent to last answer received
 */
record IngestFigure(String protocol, boolean baseVectors, String index, int dimension, int count, int batch, int streams, double seconds) {

    double vectorsPerSecond() {
        return count / seconds;
    }

    void writeTo(ObjectNode json) {
        json.put("protocol", protocol).put("vectors", baseVectors ? "dataset" : "synthetic")
                .put("index", index).put("dimension", dimension).put("count", count).put("batch", batch)
                .put("streams", streams).put("seconds", LoadResult.round(seconds, 3))
                .put("vectors_per_s", Math.round(vectorsPerSecond()));
    }
}
