package io.visionstreams.ingest;

import io.visionstreams.ingest.DecodeException.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The claim check: an {@code ImageEvent.image_uri} in, the encoded bytes out (for
 * {@link ImageDecoder}), or a {@link DecodeException} at stage {@code FETCH} with reason
 * {@code BAD_URI}, {@code SCHEME_NOT_ALLOWED}, {@code PATH_NOT_ALLOWED}, {@code NOT_FOUND},
 * {@code HTTP_STATUS} (message has the code), {@code TIMEOUT}, {@code TOO_LARGE} or {@code IO_ERROR}.
 *
 * <p>{@code file://} reads regular files only (not directories, devices or pipes), optionally
 * confined to {@link FetchPolicy#fileRoot()}. {@code http(s)://} goes through one shared
 * {@link HttpClient}: redirects followed (never HTTPS to HTTP, and the final URI's scheme must be
 * allowed), the whole exchange bounded by the time-out, the body read only up to the byte limit.
 * Thread-safe; one instance serves every stream thread.
 */
public final class ImageFetcher {

    private final FetchPolicy policy;
    private final Path realFileRoot;
    private final HttpClient client;

    /** A fetcher with {@link FetchPolicy#defaults()}. */
    public ImageFetcher() {
        this(FetchPolicy.defaults());
    }

    public ImageFetcher(FetchPolicy policy) {
        this.policy = policy;
        try {
            this.realFileRoot = policy.fileRoot() == null ? null : policy.fileRoot().toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("vision.fetch.file-root is not a readable directory: "
                    + policy.fileRoot(), e);
        }
        this.client = HttpClient.newBuilder()
                .connectTimeout(policy.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public FetchPolicy policy() {
        return policy;
    }

    /** Reads the bytes behind {@code uri}, within the policy's schemes, size and time. */
    public byte[] fetch(String uri) throws DecodeException {
        URI parsed = parse(uri);
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!policy.allowedSchemes().contains(scheme)) {
            throw failure(Reasons.SCHEME_NOT_ALLOWED, "scheme '" + scheme + "' is not in " + policy.allowedSchemes()
                    + ": " + uri, null);
        }
        return scheme.equals("file") ? readFile(parsed) : readHttp(parsed);
    }

    private static URI parse(String uri) throws DecodeException {
        if (uri == null || uri.isBlank()) {
            throw failure(Reasons.BAD_URI, "no image_uri", null);
        }
        try {
            URI parsed = new URI(uri.trim());
            if (parsed.getScheme() == null || parsed.isOpaque()) {
                throw failure(Reasons.BAD_URI, "not an absolute hierarchical URI: " + uri, null);
            }
            return parsed;
        } catch (URISyntaxException e) {
            throw failure(Reasons.BAD_URI, e.getMessage(), e);
        }
    }

    private byte[] readFile(URI uri) throws DecodeException {
        String authority = uri.getRawAuthority();
        if (authority != null && !authority.equalsIgnoreCase("localhost")) {
            throw failure(Reasons.BAD_URI, "file URI names a remote host: " + uri, null);
        }
        if (uri.getPath() == null || uri.getPath().isEmpty()) {
            throw failure(Reasons.BAD_URI, "file URI has no path: " + uri, null);
        }
        Path real;
        try {
            real = Path.of(uri.getPath()).toRealPath();
        } catch (NoSuchFileException e) {
            throw failure(Reasons.NOT_FOUND, "no file at " + uri, e);
        } catch (IOException | RuntimeException e) {
            throw failure(Reasons.IO_ERROR, "cannot resolve " + uri + ": " + e, e);
        }
        if (realFileRoot != null && !real.startsWith(realFileRoot)) {
            throw failure(Reasons.PATH_NOT_ALLOWED, real + " is outside " + realFileRoot, null);
        }
        if (!Files.isRegularFile(real)) {
            throw failure(Reasons.NOT_FOUND, "not a regular file: " + real, null);
        }
        try (InputStream in = Files.newInputStream(real)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, policy.maxBytes() + 1));
            if (bytes.length > policy.maxBytes()) { // reading stopped one byte past the limit
                throw failure(Reasons.TOO_LARGE, real + " exceeds the limit of " + policy.maxBytes() + " bytes", null);
            }
            return bytes;
        } catch (IOException e) {
            throw failure(Reasons.IO_ERROR, "cannot read " + real + ": " + e, e);
        }
    }

    private byte[] readHttp(URI uri) throws DecodeException {
        if (uri.getHost() == null) {
            throw failure(Reasons.BAD_URI, "no host in " + uri, null);
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri).timeout(policy.timeout()).header("Accept", "image/*").GET().build();
        } catch (IllegalArgumentException e) {
            throw failure(Reasons.BAD_URI, e.getMessage(), e);
        }
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request, LimitedBodySubscriber.handler(policy.maxBytes()));
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(policy.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw failure(Reasons.TIMEOUT, "no complete response within " + policy.timeout() + " from " + uri, e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw failure(Reasons.IO_ERROR, "interrupted while fetching " + uri, e);
        } catch (ExecutionException e) {
            throw httpFailure(uri, e.getCause());
        }
        int status = response.statusCode();
        if (status == 404 || status == 410) {
            throw failure(Reasons.NOT_FOUND, "HTTP " + status + " from " + uri, null);
        }
        if (status / 100 != 2) {
            throw failure(Reasons.HTTP_STATUS, "HTTP " + status + " from " + uri, null);
        }
        String finalScheme = response.uri().getScheme().toLowerCase(Locale.ROOT);
        if (!policy.allowedSchemes().contains(finalScheme)) {
            throw failure(Reasons.SCHEME_NOT_ALLOWED, uri + " redirected to " + response.uri(), null);
        }
        return response.body();
    }

    private DecodeException httpFailure(URI uri, Throwable cause) {
        Throwable root = cause;
        while ((root instanceof CompletionException || root instanceof ExecutionException) && root.getCause() != null) {
            root = root.getCause();
        }
        for (Throwable t = root; t != null; t = t.getCause()) {
            if (t instanceof LimitedBodySubscriber.TooLargeException) {
                return failure(Reasons.TOO_LARGE, t.getMessage() + " (" + uri + ")", root);
            }
            if (t instanceof HttpTimeoutException) {
                return failure(Reasons.TIMEOUT, t.getMessage() + " (" + uri + ")", root);
            }
        }
        return failure(Reasons.IO_ERROR, "fetching " + uri + " failed: " + root, root);
    }

    private static DecodeException failure(String reason, String message, Throwable cause) {
        return new DecodeException(Stage.FETCH, reason, message, cause);
    }
}
