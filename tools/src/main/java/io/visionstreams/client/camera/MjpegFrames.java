package io.visionstreams.client.camera;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.apache.commons.fileupload.MultipartStream;

/**
 * MJPEG over HTTP, the stream most IP cameras serve: one GET whose body is
 * {@code multipart/x-mixed-replace}, one JPEG per part. The body is streamed with the JDK's
 * HttpClient and split with Commons FileUpload's {@link MultipartStream}; parts larger than
 * {@code maxFrameBytes} break the connection (memory stays bounded). A part is handed over when the
 * next boundary arrives.
 */
final class MjpegFrames implements FrameSource {

    static final String CONTENT_TYPE = "multipart/x-mixed-replace";

    private final HttpClient client;
    private final URI uri;
    private final String description;
    private final Duration timeout;
    private final int maxFrameBytes;
    private volatile InputStream body;
    private MultipartStream parts;
    private boolean first;

    /** @param timeout connect and response-headers time-out */
    MjpegFrames(HttpClient client, URI uri, String description, Duration timeout, int maxFrameBytes) {
        this.client = client;
        this.uri = uri;
        this.description = description;
        this.timeout = timeout;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void open() throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted connecting to " + description, e);
        }
        InputStream in = response.body();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String boundary = boundary(contentType);
        if (response.statusCode() != 200) {
            in.close();
            throw new IOException(description + " answered HTTP " + response.statusCode());
        }
        if (boundary == null) {
            in.close();
            throw new NotMultipart(description + " sends Content-Type '" + contentType + "', not " + CONTENT_TYPE
                    + " with a boundary");
        }
        body = in;
        parts = new MultipartStream(in, boundary.getBytes(StandardCharsets.ISO_8859_1), 64 * 1024, null);
        first = true;
    }

    @Override
    public GrabbedFrame next() throws IOException {
        boolean more = first ? parts.skipPreamble() : parts.readBoundary();
        first = false;
        if (!more) {
            return null; // the closing boundary: the camera ended the stream
        }
        parts.readHeaders();
        CappedBuffer part = new CappedBuffer(maxFrameBytes);
        try {
            parts.readBodyData(part);
        } catch (PartTooLarge e) {
            throw new IOException(description + ": " + e.getMessage(), e);
        }
        byte[] jpeg = part.toByteArray();
        return new GrabbedFrame() {
            @Override
            public long ptsMicros() {
                return -1;
            }

            @Override
            public byte[] jpeg(Integer quality) throws IOException {
                return quality == null ? jpeg : Jpeg.reencode(jpeg, quality);
            }
        };
    }

    /** The boundary parameter of a {@code multipart/x-mixed-replace} Content-Type, unquoted; null if none. */
    static String boundary(String contentType) {
        String[] fields = contentType.split(";");
        if (!fields[0].trim().toLowerCase(Locale.ROOT).equals(CONTENT_TYPE)) {
            return null;
        }
        for (int i = 1; i < fields.length; i++) {
            String field = fields[i].trim();
            if (field.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = field.substring("boundary=".length()).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void abort() {
        close();
    }

    @Override
    public void close() {
        InputStream in = body;
        body = null;
        if (in != null) {
            try {
                in.close(); // cancels the exchange
            } catch (IOException ignored) {
                // the connection is gone either way
            }
        }
    }

    /** A part's bytes, refusing to grow past the cap. */
    private static final class CappedBuffer extends ByteArrayOutputStream {

        private final int cap;

        CappedBuffer(int cap) {
            super(64 * 1024);
            this.cap = cap;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (count + len > cap) {
                throw new PartTooLarge(cap);
            }
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            if (count + 1 > cap) {
                throw new PartTooLarge(cap);
            }
            super.write(b);
        }
    }

    /** The URL answers, but with something else than an MJPEG stream (FFmpeg may read it). */
    static final class NotMultipart extends IOException {
        NotMultipart(String message) {
            super(message);
        }
    }

    /** Unchecked so that it passes through ByteArrayOutputStream's signatures; converted by the caller. */
    static final class PartTooLarge extends RuntimeException {
        PartTooLarge(int cap) {
            super("an MJPEG part is larger than " + cap + " bytes");
        }
    }
}
