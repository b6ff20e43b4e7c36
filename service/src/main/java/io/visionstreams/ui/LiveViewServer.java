package io.visionstreams.ui;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A {@link LiveView} on an HTTP server of its own (the {@code view} command): {@code /ui}, and {@code /} redirecting there. */
public final class LiveViewServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    public LiveViewServer(String bindAddress, int port, LiveView view) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        server.createContext("/ui", view.handler());
        server.createContext("/", exchange -> {
            try (exchange) {
                UiHttp.headers(exchange);
                exchange.getResponseHeaders().set("Location", "/ui/");
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/") ? 302 : 404, -1);
            }
        });
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vision-view-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor); // it only hands exchanges to the view's own threads
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }
}
