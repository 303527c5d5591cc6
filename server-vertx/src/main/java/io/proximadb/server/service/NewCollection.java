package io.proximadb.server.service;

import java.util.Map;

/**
 * A request to create a collection, as an adapter received it: any field may be missing
 * ({@code null}); the service says which one is wrong. Plugin names left out take the database's
 * defaults.
 *
 * @param name      1 to 64 letters, digits, {@code _} or {@code -}
 * @param dimension the length of every vector
 * @param metric    {@code l2}, {@code cosine}, {@code dot} or {@code manhattan}
 * @param index     a vector index plugin, or {@code null}
 * @param memtable  a memtable plugin, or {@code null}
 * @param wal       a WAL codec plugin, or {@code null}
 * @param options   plugin parameters such as {@code index.m}, or {@code null}
 */
public record NewCollection(String name, Integer dimension, String metric, String index, String memtable, String wal,
                            Map<String, String> options) {
}
