package io.visionstreams.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A local HTTP server (JDK, 127.0.0.1, any free port) holding images for claim-check events:
 * {@code GET /images/<name>} answers the image's bytes, any other path 404.
 */
final class ClaimCheckServer implements AutoCloseable {

    private final HttpServer server;

    ClaimCheckServer(Map<String, byte[]> images) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/images/", exchange -> {
            try (exchange) {
                String name = exchange.getRequestURI().getPath().substring("/images/".length());
                byte[] body = images.get(name);
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    /** The claim check of an image (served or not). */
    String uri(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/images/" + name;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
