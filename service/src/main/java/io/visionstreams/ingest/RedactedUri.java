package io.visionstreams.ingest;

import java.net.URI;

/**
 * A claim check as it may appear in messages and logs: scheme, host, port and path only. User
 * info, query and fragment are dropped because that is where credentials and signed-URL tokens live.
 */
public final class RedactedUri {

    private RedactedUri() {}

    public static String of(URI uri) {
        if (uri == null) {
            return "(none)";
        }
        if (uri.isOpaque() || uri.getScheme() == null) {
            return uri.getScheme() == null ? "(relative URI)" : uri.getScheme() + ":(opaque)";
        }
        StringBuilder s = new StringBuilder(uri.getScheme()).append("://");
        if (uri.getHost() != null) {
            s.append(uri.getHost());
        }
        if (uri.getPort() != -1) {
            s.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            s.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            s.append(" (user info, query and fragment not shown)");
        }
        return s.toString();
    }

    /** As {@link #of(URI)} for a string that may not parse; an unparseable one is never quoted. */
    public static String of(String uri) {
        try {
            return of(new URI(uri.trim()));
        } catch (Exception e) {
            return "(unparseable URI of " + (uri == null ? 0 : uri.length()) + " characters)";
        }
    }
}
