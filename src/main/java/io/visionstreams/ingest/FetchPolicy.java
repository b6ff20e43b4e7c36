package io.visionstreams.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@link ImageFetcher} may read: which URI schemes, how many bytes, how long, and (for
 * {@code file://}) under which directory. Suggested configuration keys: {@code vision.fetch.schemes},
 * {@code vision.fetch.max-bytes}, {@code vision.fetch.timeout}, {@code vision.fetch.file-root}.
 *
 * @param allowedSchemes subset of {@code file, http, https} (case-insensitive); default all three
 * @param maxBytes       largest body read; reading stops as soon as it is exceeded (default 20 MiB,
 *                       the decoder's default payload limit)
 * @param timeout        bound on connecting and on the whole HTTP exchange (default 10 s)
 * @param fileRoot       when set, {@code file://} URIs must resolve (links and ".." followed) inside
 *                       this directory; {@code null} allows any regular file the process can read.
 *                       Set it in production: any producer to the events topic can name a path.
 */
public record FetchPolicy(Set<String> allowedSchemes, long maxBytes, Duration timeout, Path fileRoot) {

    public static final Set<String> SUPPORTED_SCHEMES = Set.of("file", "http", "https");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public FetchPolicy {
        allowedSchemes = allowedSchemes.stream().map(s -> s.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        if (!SUPPORTED_SCHEMES.containsAll(allowedSchemes)) {
            throw new IllegalArgumentException("vision.fetch.schemes must be a subset of " + SUPPORTED_SCHEMES
                    + ", was " + allowedSchemes);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("vision.fetch.max-bytes must be positive, was " + maxBytes);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("vision.fetch.timeout must be positive, was " + timeout);
        }
    }

    /** All three schemes, 20 MiB, 10 s, no file root. */
    public static FetchPolicy defaults() {
        return new FetchPolicy(SUPPORTED_SCHEMES, ImageDecoder.DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, null);
    }

    public FetchPolicy withAllowedSchemes(Set<String> schemes) {
        return new FetchPolicy(schemes, maxBytes, timeout, fileRoot);
    }

    public FetchPolicy withMaxBytes(long bytes) {
        return new FetchPolicy(allowedSchemes, bytes, timeout, fileRoot);
    }

    public FetchPolicy withTimeout(Duration duration) {
        return new FetchPolicy(allowedSchemes, maxBytes, duration, fileRoot);
    }

    public FetchPolicy withFileRoot(Path root) {
        return new FetchPolicy(allowedSchemes, maxBytes, timeout, root);
    }
}
