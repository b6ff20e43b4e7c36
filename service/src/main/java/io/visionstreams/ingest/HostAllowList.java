package io.visionstreams.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Where http(s) claim checks may go ({@code vision.fetch.allowed-hosts}); every redirect hop is
 * checked again. An entry is one of:
 * <ul>
 *   <li>a host, {@code images.example.com} (any port), or {@code images.example.com:8443};</li>
 *   <li>a domain wildcard, {@code *.example.com} (every sub-domain, not the domain itself);</li>
 *   <li>a URL prefix, {@code https://cdn.example.com/frames/}: same scheme, host and port, and a
 *       path (after resolving {@code .} and {@code ..}) starting with the entry's path.</li>
 * </ul>
 * Host names compare case-insensitively; IP literals are hosts like any other. Empty list: nothing.
 */
public final class HostAllowList {

    private record Entry(String scheme, String host, int port, boolean wildcard, String pathPrefix) {}

    private final List<Entry> entries;
    private final List<String> source;

    private HostAllowList(List<Entry> entries, List<String> source) {
        this.entries = entries;
        this.source = source;
    }

    /** Parses the entries; a malformed one fails with an {@link IllegalArgumentException} naming the key. */
    public static HostAllowList of(List<String> entries) {
        List<String> trimmed = entries.stream().map(String::trim).filter(e -> !e.isEmpty()).toList();
        return new HostAllowList(trimmed.stream().map(HostAllowList::parse).toList(), trimmed);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entries as configured. */
    public List<String> entries() {
        return source;
    }

    /** Whether an absolute http(s) URI with a host may be fetched. */
    public boolean allows(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = effectivePort(scheme, uri.getPort());
        String path = normalizedPath(uri);
        for (Entry e : entries) {
            boolean hostMatches = e.wildcard() ? host.endsWith("." + e.host()) : host.equals(e.host());
            if (!hostMatches || (e.port() != -1 && e.port() != port)) {
                continue;
            }
            if (e.scheme() == null) {
                return true;
            }
            if (e.scheme().equals(scheme) && path != null && path.startsWith(e.pathPrefix())) {
                return true;
            }
        }
        return false;
    }

    private static Entry parse(String entry) {
        try {
            if (entry.contains("://")) {
                URI prefix = new URI(entry);
                String scheme = prefix.getScheme().toLowerCase(Locale.ROOT);
                if (prefix.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                    throw new URISyntaxException(entry, "an http(s) URL with a host is needed");
                }
                String path = prefix.getPath() == null || prefix.getPath().isEmpty() ? "/" : prefix.normalize().getPath();
                return new Entry(scheme, prefix.getHost().toLowerCase(Locale.ROOT), effectivePort(scheme, prefix.getPort()),
                        false, path);
            }
            boolean wildcard = entry.startsWith("*.");
            URI hostPort = new URI("http://" + (wildcard ? entry.substring(2) : entry));
            if (hostPort.getHost() == null || !hostPort.getRawPath().isEmpty() || hostPort.getRawUserInfo() != null) {
                throw new URISyntaxException(entry, "a host, host:port or *.domain is needed");
            }
            return new Entry(null, hostPort.getHost().toLowerCase(Locale.ROOT), hostPort.getPort(), wildcard, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("vision.fetch.allowed-hosts: '" + entry + "' is not a host, host:port, "
                    + "*.domain or http(s) URL prefix (" + e.getReason() + ")");
        }
    }

    /** The path with {@code .} and {@code ..} resolved; null when it still climbs, even percent-encoded. */
    private static String normalizedPath(URI uri) {
        String path = uri.normalize().getPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.contains("/../") || path.endsWith("/..") || path.startsWith("../") ? null : path;
    }

    private static int effectivePort(String scheme, int port) {
        return port != -1 ? port : scheme.equals("https") ? 443 : 80;
    }
}
