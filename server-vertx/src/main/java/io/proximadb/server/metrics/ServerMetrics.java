package io.proximadb.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;

/**
 * The server's meters, in one Micrometer registry scraped in the Prometheus format at
 * {@code /metrics}: Vert.x's HTTP server meters ({@code vertx_http_server_*}, labelled by route
 * template, method and status, for REST and gRPC alike), the engine worker pool
 * ({@code vertx_pool_*}), the JVM, and ours ({@link EngineMeters}: search latency, records written,
 * per-collection storage figures). One instance per server, so tests may run several.
 */
public final class ServerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final String registryName = "proxima-" + java.util.UUID.randomUUID();
    private final EngineMeters engine;

    public ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        // Keep the GC binder out of tests' way: it listens to notifications for the JVM's life.
        new JvmGcMetrics().bindTo(registry);
        engine = new EngineMeters(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public EngineMeters engine() {
        return engine;
    }

    /** Vert.x options that send its meters to this registry. Labels are route templates, never raw paths. */
    public VertxOptions vertxOptions() {
        return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
                .setEnabled(true)
                // Vert.x keeps its backends in a process-wide map by registry name: a name of our own
                // keeps two servers in one JVM (tests, embedders) from sharing, or stealing, meters.
                .setRegistryName(registryName)
                .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE,
                        Label.POOL_NAME))
                .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
                .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
                .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
                .addDisabledMetricsCategory(MetricsDomain.DATAGRAM_SOCKET)
                .addDisabledMetricsCategory(MetricsDomain.VERTICLES));
    }

    public MicrometerMetricsFactory vertxMetricsFactory() {
        return new MicrometerMetricsFactory(registry);
    }

    /** The Prometheus text exposition of every meter. Blocking: call it on a worker. */
    public String scrape() {
        return registry.scrape();
    }
}
