package io.proximadb.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.proximadb.api.CollectionInfo;
import io.proximadb.api.StorageStats;
import io.proximadb.server.auth.Tenants;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The engine's figures as meters. Search latency and write counts are recorded as calls happen;
 * the per-collection figures (records, memtable bytes, segments, WAL bytes, flushes, compactions)
 * are read from the engine at each scrape ({@link #refresh}), labelled by tenant and collection.
 * Thread-safe.
 */
public final class EngineMeters {

    private final Timer search;
    private final Counter upserted;
    private final Counter deleted;
    private final List<CollectionGauge> gauges;

    private record CollectionGauge(MultiGauge gauge, ToDoubleFunction<CollectionInfo> value) {
    }

    EngineMeters(MeterRegistry registry) {
        search = Timer.builder("proxima.search")
                .description("Time of one search query in the engine, filter and all")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        upserted = Counter.builder("proxima.records.upserted").description("Records written by upserts")
                .register(registry);
        deleted = Counter.builder("proxima.records.deleted")
                .description("Records deleted (ids given, or records a filter matched)").register(registry);
        gauges = List.of(
                gauge(registry, "proxima.collection.records", "Live records", info -> info.liveRecords()),
                gauge(registry, "proxima.collection.memtable.bytes", "Bytes in the active and frozen memtables",
                        info -> storage(info).memtableBytes()),
                gauge(registry, "proxima.collection.segments", "Segments on disk", info -> storage(info).segments()),
                gauge(registry, "proxima.collection.segment.bytes", "Bytes of segment files",
                        info -> storage(info).segmentBytes()),
                gauge(registry, "proxima.collection.wal.written.bytes", "Bytes written to the write-ahead log",
                        info -> storage(info).walBytesWritten()),
                gauge(registry, "proxima.collection.flushes", "Memtable flushes since the database opened",
                        info -> storage(info).flushes()),
                gauge(registry, "proxima.collection.compactions", "Segment merges since the database opened",
                        info -> storage(info).compactions()));
    }

    private static CollectionGauge gauge(MeterRegistry registry, String name, String description,
                                         ToDoubleFunction<CollectionInfo> value) {
        return new CollectionGauge(MultiGauge.builder(name).description(description).register(registry), value);
    }

    private static StorageStats storage(CollectionInfo info) {
        return info.storage() == null ? new StorageStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) : info.storage();
    }

    /** Times one search query. */
    public Timer search() {
        return search;
    }

    public void upserted(long records) {
        upserted.increment(records);
    }

    public void deleted(long records) {
        deleted.increment(records);
    }

    /** Replaces the per-collection figures with {@code collections}' (engine names); dropped ones disappear. */
    public void refresh(List<CollectionInfo> collections) {
        for (CollectionGauge gauge : gauges) {
            gauge.gauge().register(collections.stream().map(info -> {
                Tenants.Owned owned = Tenants.owner(info.name());
                double value = gauge.value().applyAsDouble(info);
                return MultiGauge.Row.of(Tags.of("tenant", owned.tenant(), "collection", owned.name()), value);
            }).toList(), true);
        }
    }
}
