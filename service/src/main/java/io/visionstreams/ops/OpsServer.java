package io.visionstreams.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint (JDK HTTP server): {@code GET /metrics} (Prometheus text),
 * {@code GET /health/live} (200 while the process serves), {@code GET /health/ready} (200 when
 * Kafka Streams runs and every model is loaded, else 503).
 *
 * <p>Requests are served by a fixed pool ({@link Limits#threads()}); a connection that has not sent
 * its whole request within {@link Limits#readTimeout()}, or has not taken its whole response within
 * {@link Limits#writeTimeout()}, is closed ({@link WatchedExecutor}), so slow or stalled clients
 * cannot take the threads health probes need. Extra paths: {@link #handle} for short answers under
 * the same limits, {@link #stream} for long-lived responses (server-sent events) on their own
 * threads, without a write limit and never on the pool.
 */
public final class OpsServer implements AutoCloseable {

    /**
     * The pool and its time limits.
     *
     * @param threads      request threads (health, metrics, {@link #handle} paths)
     * @param readTimeout  for the request line, headers and body
     * @param writeTimeout for a pooled handler's whole response
     * @param streams      most long-lived responses at once ({@link #stream} paths); more get 503
     */
    public record Limits(int threads, Duration readTimeout, Duration writeTimeout, int streams) {

        public static final Limits DEFAULT = new Limits(4, Duration.ofSeconds(5), Duration.ofSeconds(10), 32);

        public Limits {
            if (threads < 1 || streams < 0 || readTimeout.isNegative() || readTimeout.isZero()
                    || writeTimeout.isNegative() || writeTimeout.isZero()) {
                throw new IllegalArgumentException("ops server limits must be positive: " + threads + " threads, read "
                        + readTimeout + ", write " + writeTimeout + ", " + streams + " streams");
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);

    private final HttpServer server;
    private final WatchedExecutor executor;
    private final ThreadPoolExecutor streamThreads;

    /** Binds every interface ({@code 0.0.0.0}). */
    public OpsServer(int port, PrometheusMeterRegistry registry, BooleanSupplier ready) throws IOException {
        this("0.0.0.0", port, registry, ready);
    }

    /** Binds {@code bindAddress} ({@code vision.http.bind-address}): an IP literal or a local name. */
    public OpsServer(String bindAddress, int port, PrometheusMeterRegistry registry, BooleanSupplier ready) throws IOException {
        this(bindAddress, port, registry, ready, Limits.DEFAULT);
    }

    public OpsServer(String bindAddress, int port, PrometheusMeterRegistry registry, BooleanSupplier ready,
                     Limits limits) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        handle("/metrics", exchange -> respond(exchange, 200, registry.scrape(),
                "text/plain; version=0.0.4; charset=utf-8"));
        handle("/health/live", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}\n", "application/json"));
        handle("/health/ready", exchange -> {
            boolean up = ready.getAsBoolean();
            respond(exchange, up ? 200 : 503, up ? "{\"status\":\"UP\"}\n" : "{\"status\":\"DOWN\"}\n", "application/json");
        });
        executor = new WatchedExecutor("vision-ops-http", limits.threads(), limits.readTimeout(), limits.writeTimeout());
        AtomicInteger streamCount = new AtomicInteger();
        streamThreads = new ThreadPoolExecutor(0, Math.max(1, limits.streams()), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "vision-ops-stream-" + streamCount.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        server.setExecutor(executor);
        server.start();
        log.info("metrics and health on http://{}:{}/ (/metrics, /health/live, /health/ready; {} threads, "
                        + "read timeout {} ms, write timeout {} ms)", server.getAddress().getAddress().getHostAddress(),
                port(), limits.threads(), limits.readTimeout().toMillis(), limits.writeTimeout().toMillis());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Serves {@code path} (and below it) with {@code handler} on the request pool, under the read and
     * write time limits: for answers that are complete in a moment.
     */
    public void handle(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            WatchedExecutor.responding();
            handler.handle(exchange);
        });
    }

    /**
     * Serves {@code path} (and below it) with {@code handler} on a thread of its own once the request
     * is read: for long-lived responses such as server-sent events, which must not hold a pool
     * thread nor be cut by the write limit. The handler closes the exchange when its stream ends.
     * Beyond {@link Limits#streams()} open streams, a request gets 503.
     */
    public void stream(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            WatchedExecutor.handOff();
            try {
                streamThreads.execute(() -> {
                    try {
                        handler.handle(exchange);
                    } catch (IOException | RuntimeException e) {
                        log.debug("stream {} ended: {}", exchange.getRequestURI().getPath(), e.toString());
                        exchange.close();
                    }
                });
            } catch (RejectedExecutionException full) {
                respond(exchange, 503, "{\"status\":\"TOO_MANY_STREAMS\"}\n", "application/json");
            }
        });
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
        streamThreads.shutdownNow();
    }
}
