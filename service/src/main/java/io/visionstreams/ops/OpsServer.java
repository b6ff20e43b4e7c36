package io.visionstreams.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint (JDK HTTP server, one thread): {@code GET /metrics} (Prometheus text),
 * {@code GET /health/live} (200 while the process serves), {@code GET /health/ready} (200 when
 * Kafka Streams runs and every model is loaded, else 503).
 */
public final class OpsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    /** Binds every interface ({@code 0.0.0.0}). */
    public OpsServer(int port, PrometheusMeterRegistry registry, BooleanSupplier ready) throws IOException {
        this("0.0.0.0", port, registry, ready);
    }

    /** Binds {@code bindAddress} ({@code vision.http.bind-address}): an IP literal or a local name. */
    public OpsServer(String bindAddress, int port, PrometheusMeterRegistry registry, BooleanSupplier ready) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        server.createContext("/metrics", exchange -> respond(exchange, 200, registry.scrape(),
                "text/plain; version=0.0.4; charset=utf-8"));
        server.createContext("/health/live", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}\n", "application/json"));
        server.createContext("/health/ready", exchange -> {
            boolean up = ready.getAsBoolean();
            respond(exchange, up ? 200 : 503, up ? "{\"status\":\"UP\"}\n" : "{\"status\":\"DOWN\"}\n", "application/json");
        });
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vision-ops-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        log.info("metrics and health on http://{}:{}/ (/metrics, /health/live, /health/ready)",
                server.getAddress().getAddress().getHostAddress(), port());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if ("HEAD".equals(exchange.getRequestMethod())) { // headers only; a length here makes the JDK warn
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown(); // stop() leaves the executor it was given running
    }
}
