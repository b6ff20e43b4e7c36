package io.visionstreams.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An MJPEG camera on 127.0.0.1 (JDK HTTP server): {@code GET /stream} answers
 * {@code multipart/x-mixed-replace} with the given JPEGs in turn, one every {@code 1/fps} s. Each
 * connection is cut (closed mid-stream, no closing boundary) after {@code framesPerConnection}
 * frames, or the stream ends properly after {@code totalFrames} frames in all; counts connections
 * and frames sent.
 */
public final class MjpegServer implements AutoCloseable {

    private static final String BOUNDARY = "camboundary";

    private final HttpServer server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger framesSent = new AtomicInteger();

    /**
     * @param framesPerConnection cut each connection after this many frames (0: never)
     * @param totalFrames         end the stream (closing boundary) after this many frames in all (0: never)
     */
    public MjpegServer(List<byte[]> jpegs, double fps, int framesPerConnection, int totalFrames) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mjpeg-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/stream", exchange -> {
            connections.incrementAndGet();
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace; boundary=" + BOUNDARY);
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                int here = 0;
                while (true) {
                    int n = framesSent.get();
                    if (totalFrames > 0 && n >= totalFrames) {
                        out.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.close();
                        return;
                    }
                    if (framesPerConnection > 0 && here == framesPerConnection) {
                        return; // cut: the exchange closes without a closing boundary
                    }
                    byte[] jpeg = jpegs.get(n % jpegs.size());
                    out.write(("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(jpeg);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    framesSent.incrementAndGet();
                    here++;
                    Thread.sleep((long) (1000 / fps));
                }
            } catch (IOException | InterruptedException clientGone) {
                // the client closed the connection
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/stream";
    }

    public int connections() {
        return connections.get();
    }

    public int framesSent() {
        return framesSent.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
