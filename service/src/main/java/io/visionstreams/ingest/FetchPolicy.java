package io.visionstreams.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@link ImageFetcher} may read. Safe by default: {@link #defaults()} refuses every claim
 * check until an operator names what may be read (configuration keys in brackets).
 *
 * @param allowedSchemes  subset of {@code file, http, https} ({@code vision.fetch.schemes})
 * @param maxBytes        largest body read; reading stops as soon as it is exceeded (default 20 MiB,
 *                        the decoder's default payload limit; {@code vision.fetch.max-bytes})
 * @param timeout         bound on connecting and on the whole HTTP exchange, redirects included
 *                        (default 10 s; {@code vision.fetch.timeout-ms})
 * @param fileRoot        {@code file://} URIs must resolve (links and ".." followed) inside this
 *                        directory; {@code null}: {@code file://} is refused ({@code vision.fetch.file-root})
 * @param allowedHosts    hosts or URL prefixes http(s) may fetch from, redirects included; empty:
 *                        http(s) is refused ({@code vision.fetch.allowed-hosts})
 * @param allowedNetworks address ranges that may be connected to although they are loopback,
 *                        private, link-local or multicast ({@code vision.fetch.allowed-networks})
 * @param maxRedirects    redirects followed per fetch (default 3; {@code vision.fetch.max-redirects})
 */
public record FetchPolicy(Set<String> allowedSchemes, long maxBytes, Duration timeout, Path fileRoot,
                          HostAllowList allowedHosts, AddressPolicy allowedNetworks, int maxRedirects) {

    public static final Set<String> SUPPORTED_SCHEMES = Set.of("file", "http", "https");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_REDIRECTS = 3;

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
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("vision.fetch.max-redirects must be 0 or more, was " + maxRedirects);
        }
    }

    /** All three schemes, 20 MiB, 10 s, 3 redirects; no file root, no allowed host, no allowed network: nothing is read. */
    public static FetchPolicy defaults() {
        return new FetchPolicy(SUPPORTED_SCHEMES, ImageDecoder.DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, null,
                HostAllowList.of(List.of()), AddressPolicy.of(List.of()), DEFAULT_MAX_REDIRECTS);
    }

    public FetchPolicy withAllowedSchemes(Set<String> schemes) {
        return new FetchPolicy(schemes, maxBytes, timeout, fileRoot, allowedHosts, allowedNetworks, maxRedirects);
    }

    public FetchPolicy withMaxBytes(long bytes) {
        return new FetchPolicy(allowedSchemes, bytes, timeout, fileRoot, allowedHosts, allowedNetworks, maxRedirects);
    }

    public FetchPolicy withTimeout(Duration duration) {
        return new FetchPolicy(allowedSchemes, maxBytes, duration, fileRoot, allowedHosts, allowedNetworks, maxRedirects);
    }

    public FetchPolicy withFileRoot(Path root) {
        return new FetchPolicy(allowedSchemes, maxBytes, timeout, root, allowedHosts, allowedNetworks, maxRedirects);
    }

    /** Entries as {@link HostAllowList#of(List)} reads them. */
    public FetchPolicy withAllowedHosts(List<String> entries) {
        return new FetchPolicy(allowedSchemes, maxBytes, timeout, fileRoot, HostAllowList.of(entries), allowedNetworks,
                maxRedirects);
    }

    /** CIDR ranges as {@link AddressPolicy#of(List)} reads them. */
    public FetchPolicy withAllowedNetworks(List<String> cidrs) {
        return new FetchPolicy(allowedSchemes, maxBytes, timeout, fileRoot, allowedHosts, AddressPolicy.of(cidrs),
                maxRedirects);
    }

    public FetchPolicy withMaxRedirects(int redirects) {
        return new FetchPolicy(allowedSchemes, maxBytes, timeout, fileRoot, allowedHosts, allowedNetworks, redirects);
    }
}
