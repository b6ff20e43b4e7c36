package io.visionstreams.ingest;

import io.visionstreams.ingest.DecodeException.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The claim check: an {@code ImageEvent.image_uri} in, the encoded bytes out (for
 * {@link ImageDecoder}), or a {@link DecodeException} at stage {@code FETCH} with reason
 * {@code BAD_URI}, {@code SCHEME_NOT_ALLOWED}, {@code PATH_NOT_ALLOWED}, {@code HOST_NOT_ALLOWED},
 * {@code ADDRESS_NOT_ALLOWED}, {@code TOO_MANY_REDIRECTS}, {@code NOT_FOUND}, {@code HTTP_STATUS}
 * (message has the code), {@code TIMEOUT}, {@code TOO_LARGE} or {@code IO_ERROR}.
 *
 * <p>Nothing is read unless the {@link FetchPolicy} names it: {@code file://} only inside
 * {@link FetchPolicy#fileRoot()} (regular files; links and ".." resolved first), {@code http(s)://}
 * only from {@link FetchPolicy#allowedHosts()} and never to a loopback, private, link-local or
 * multicast address outside {@link FetchPolicy#allowedNetworks()} ({@link HttpClaimCheck}).
 * Messages name the URI without user info or query, and never quote what was read.
 * Thread-safe; one instance serves every stream thread.
 */
public final class ImageFetcher {

    private final FetchPolicy policy;
    private final Path realFileRoot;
    private final HttpClaimCheck http;

    /** A fetcher with {@link FetchPolicy#defaults()}: every claim check is refused. */
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
        this.http = new HttpClaimCheck(policy);
    }

    public FetchPolicy policy() {
        return policy;
    }

    /** Reads the bytes behind {@code uri}, within the policy's schemes, places, size and time. */
    public byte[] fetch(String uri) throws DecodeException {
        URI parsed = parse(uri);
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!policy.allowedSchemes().contains(scheme)) {
            throw failure(Reasons.SCHEME_NOT_ALLOWED, "scheme '" + scheme + "' is not in " + policy.allowedSchemes(), null);
        }
        return scheme.equals("file") ? readFile(parsed) : http.fetch(parsed);
    }

    private static URI parse(String uri) throws DecodeException {
        if (uri == null || uri.isBlank()) {
            throw failure(Reasons.BAD_URI, "no image_uri", null);
        }
        try {
            URI parsed = new URI(uri.trim());
            if (parsed.getScheme() == null || parsed.isOpaque()) {
                throw failure(Reasons.BAD_URI, "not an absolute hierarchical URI: " + RedactedUri.of(uri), null);
            }
            return parsed;
        } catch (URISyntaxException e) {
            throw failure(Reasons.BAD_URI, "not a URI: " + e.getReason() + " at index " + e.getIndex(), null);
        }
    }

    private byte[] readFile(URI uri) throws DecodeException {
        if (realFileRoot == null) {
            throw failure(Reasons.SCHEME_NOT_ALLOWED, "file:// claim checks are off (set vision.fetch.file-root)", null);
        }
        String authority = uri.getRawAuthority();
        if (authority != null && !authority.equalsIgnoreCase("localhost")) {
            throw failure(Reasons.BAD_URI, "file URI names a remote host: " + RedactedUri.of(uri), null);
        }
        if (uri.getPath() == null || uri.getPath().isEmpty()) {
            throw failure(Reasons.BAD_URI, "file URI has no path", null);
        }
        Path real;
        try {
            real = Path.of(uri.getPath()).toRealPath();
        } catch (NoSuchFileException e) {
            throw failure(Reasons.NOT_FOUND, "no file at " + RedactedUri.of(uri), null);
        } catch (IOException | RuntimeException e) {
            throw failure(Reasons.IO_ERROR, "cannot resolve " + RedactedUri.of(uri) + ": " + e.getClass().getSimpleName(), null);
        }
        if (!real.startsWith(realFileRoot)) {
            throw failure(Reasons.PATH_NOT_ALLOWED, RedactedUri.of(uri) + " resolves outside vision.fetch.file-root", null);
        }
        if (!Files.isRegularFile(real)) {
            throw failure(Reasons.NOT_FOUND, "not a regular file: " + RedactedUri.of(uri), null);
        }
        try (InputStream in = Files.newInputStream(real)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, policy.maxBytes() + 1));
            if (bytes.length > policy.maxBytes()) { // reading stopped one byte past the limit
                throw failure(Reasons.TOO_LARGE, RedactedUri.of(uri) + " exceeds the limit of " + policy.maxBytes() + " bytes", null);
            }
            return bytes;
        } catch (IOException e) {
            throw failure(Reasons.IO_ERROR, "cannot read " + RedactedUri.of(uri) + ": " + e.getClass().getSimpleName(), null);
        }
    }

    private static DecodeException failure(String reason, String message, Throwable cause) {
        return new DecodeException(Stage.FETCH, reason, message, cause);
    }
}
