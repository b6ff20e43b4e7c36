package io.visionstreams.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.visionstreams.registry.RegistryClient;

/** The schema registry's meters: whether it answers, and how many calls found it not answering. */
final class RegistryMetrics {

    private RegistryMetrics() {}

    static void bind(RegistryClient registry, MeterRegistry meters) {
        Gauge.builder("vision.schema.registry.reachable", registry, r -> r.isReachable() ? 1 : 0)
                .description("1 while the schema registry answers; 0 while records wait for it (readiness is 503)")
                .register(meters);
        FunctionCounter.builder("vision.schema.registry.unavailable", registry, RegistryClient::unavailableCount)
                .description("Calls to the schema registry that found it unreachable (each retry of a waiting record counts)")
                .register(meters);
    }
}
