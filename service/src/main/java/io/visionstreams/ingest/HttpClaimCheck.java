package io.visionstreams.ingest;

import io.visionstreams.ingest.DecodeException.Stage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * http(s) claim checks (Apache HttpClient 5): every hop's URL must be in the
 * {@linkplain HostAllowList allow-list}, connections go only to addresses the
 * {@linkplain GuardedDnsResolver guarded resolver} let through, redirects are followed here
 * (at most {@link FetchPolicy#maxRedirects()}, never https to http), and the whole exchange,
 * redirects and a slowly dripping body included, is cancelled at the time-out. No body of a
 * refused or failed response is read, and no message quotes a body, a query or user info.
 */
final class HttpClaimCheck {

    /** Cancels exchanges that pass their deadline; one daemon thread for every fetcher. */
    private static final ScheduledExecutorService DEADLINES = deadlineTimer();

    private final FetchPolicy policy;
    private final CloseableHttpClient client;

    HttpClaimCheck(FetchPolicy policy) {
        this.policy = policy;
        Timeout timeout = Timeout.ofMilliseconds(policy.timeout().toMillis());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(policy.allowedNetworks()))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                                .setSocketTimeout(timeout).build())
                        .setMaxConnTotal(64).setMaxConnPerRoute(16)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout)
                        .setConnectionRequestTimeout(timeout).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("vision-streams")
                .build();
    }

    /** The body behind {@code uri}, an absolute http(s) URI. */
    byte[] fetch(URI uri) throws DecodeException {
        long deadline = System.nanoTime() + policy.timeout().toNanos();
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            checkAllowed(current, uri);
            Outcome outcome = exchange(current, deadline);
            if (outcome.body() != null) {
                return outcome.body();
            }
            if (redirects >= policy.maxRedirects()) {
                throw failure(Reasons.TOO_MANY_REDIRECTS, RedactedUri.of(uri) + " redirects more than "
                        + policy.maxRedirects() + " times (vision.fetch.max-redirects)", null);
            }
            URI next = outcome.redirect();
            if (current.getScheme().equalsIgnoreCase("https") && next.getScheme().equalsIgnoreCase("http")) {
                throw failure(Reasons.SCHEME_NOT_ALLOWED, RedactedUri.of(uri) + " redirects from https to http", null);
            }
            current = next;
        }
    }

    /** A hop's answer: a body, or where it redirects to. */
    private record Outcome(byte[] body, URI redirect) {}

    /** A refusal raised while the response is being handled (carried out of the handler as an IOException). */
    private static final class Refusal extends IOException {
        final transient DecodeException failure;

        Refusal(DecodeException failure) {
            super(failure.getMessage());
            this.failure = failure;
        }
    }

    private void checkAllowed(URI hop, URI original) throws DecodeException {
        String scheme = hop.getScheme() == null ? "" : hop.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || !policy.allowedSchemes().contains(scheme)) {
            throw failure(Reasons.SCHEME_NOT_ALLOWED, hop == original ? "scheme '" + scheme + "' is not allowed"
                    : RedactedUri.of(original) + " redirects to scheme '" + scheme + "'", null);
        }
        if (hop.getHost() == null) {
            throw failure(Reasons.BAD_URI, "no host in " + RedactedUri.of(hop), null);
        }
        if (hop.getRawUserInfo() != null) { // credentials in URLs end up in logs and proxies: never sent
            throw failure(Reasons.BAD_URI, RedactedUri.of(hop) + " carries user info, which claim checks do not send", null);
        }
        if (!policy.allowedHosts().allows(hop)) {
            String what = hop == original ? RedactedUri.of(hop) : RedactedUri.of(original) + " redirects to " + RedactedUri.of(hop);
            throw failure(Reasons.HOST_NOT_ALLOWED, what + " is not in vision.fetch.allowed-hosts"
                    + (policy.allowedHosts().isEmpty() ? " (empty: http(s) claim checks are off)" : ""), null);
        }
    }

    private Outcome exchange(URI hop, long deadline) throws DecodeException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timeout(hop);
        }
        HttpGet get;
        try {
            get = new HttpGet(hop);
        } catch (IllegalArgumentException e) {
            throw failure(Reasons.BAD_URI, "not a valid http(s) URI: " + RedactedUri.of(hop), null);
        }
        get.addHeader("Accept", "image/*");
        ScheduledFuture<?> cancel = DEADLINES.schedule(get::cancel, remaining, TimeUnit.NANOSECONDS);
        try {
            return client.execute(get, response -> handle(hop, response, deadline));
        } catch (Refusal r) {
            throw r.failure;
        } catch (GuardedDnsResolver.AddressRefused e) {
            throw failure(Reasons.ADDRESS_NOT_ALLOWED, e.getMessage(), null);
        } catch (UnknownHostException e) {
            throw failure(Reasons.IO_ERROR, "unknown host " + hop.getHost(), null);
        } catch (IOException | RuntimeException e) { // cancelling at the deadline may surface as either
            if (get.isCancelled() || e instanceof SocketTimeoutException || System.nanoTime() >= deadline) {
                throw timeout(hop);
            }
            throw failure(Reasons.IO_ERROR, "fetching " + RedactedUri.of(hop) + " failed: " + e.getClass().getSimpleName(), null);
        } finally {
            cancel.cancel(false);
        }
    }

    private Outcome handle(URI hop, ClassicHttpResponse response, long deadline) throws IOException {
        int status = response.getCode();
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            Header location = response.getFirstHeader("Location");
            if (location == null) {
                throw new Refusal(failure(Reasons.HTTP_STATUS, "HTTP " + status + " without a Location from "
                        + RedactedUri.of(hop), null));
            }
            try {
                return new Outcome(null, hop.resolve(new URI(location.getValue().trim())));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new Refusal(failure(Reasons.BAD_URI, RedactedUri.of(hop) + " redirects to an invalid URI", null));
            }
        }
        if (status == 404 || status == 410) {
            throw new Refusal(failure(Reasons.NOT_FOUND, "HTTP " + status + " from " + RedactedUri.of(hop), null));
        }
        if (status / 100 != 2) {
            throw new Refusal(failure(Reasons.HTTP_STATUS, "HTTP " + status + " from " + RedactedUri.of(hop), null));
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new Outcome(new byte[0], null);
        }
        if (entity.getContentLength() > policy.maxBytes()) {
            throw new Refusal(failure(Reasons.TOO_LARGE, "Content-Length " + entity.getContentLength()
                    + " exceeds the limit of " + policy.maxBytes() + " bytes (" + RedactedUri.of(hop) + ")", null));
        }
        return new Outcome(readBounded(hop, entity.getContent(), deadline), null);
    }

    private byte[] readBounded(URI hop, InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        for (int n; (n = in.read(chunk)) != -1; ) {
            if (body.size() + (long) n > policy.maxBytes()) {
                throw new Refusal(failure(Reasons.TOO_LARGE, "body of " + RedactedUri.of(hop) + " exceeds the limit of "
                        + policy.maxBytes() + " bytes", null));
            }
            body.write(chunk, 0, n);
            if (System.nanoTime() >= deadline) { // a drip of bytes never trips the socket time-out
                throw new Refusal(timeout(hop));
            }
        }
        return body.toByteArray();
    }

    private DecodeException timeout(URI hop) {
        return failure(Reasons.TIMEOUT, "no complete response within " + policy.timeout() + " from " + RedactedUri.of(hop), null);
    }

    private static DecodeException failure(String reason, String message, Throwable cause) {
        return new DecodeException(Stage.FETCH, reason, message, cause);
    }

    private static ScheduledExecutorService deadlineTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "vision-fetch-deadlines");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
