package io.visionstreams.ui;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Who may open the view. {@code vision.ui.enabled}: {@code auto} serves it where the endpoint binds
 * a loopback address (this machine only) or a token is set; {@code true} serves it always, and
 * refuses to start on another interface without a token; {@code false} never. With a token every
 * request must carry it: {@code ?token=} once (answered with a cookie and a redirect that drops it
 * from the address bar), the cookie, or {@code Authorization: Bearer}.
 */
final class UiAccess {

    static final String COOKIE = "vs_ui_token";

    private final byte[] token;

    private UiAccess(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    static UiAccess open() {
        return new UiAccess(null);
    }

    static UiAccess withToken(String token) {
        if (token == null || !token.matches("[A-Za-z0-9._~-]{16,}")) {
            throw new IllegalArgumentException("a live-view token has at least 16 characters, each a letter, digit or ._~-");
        }
        return new UiAccess(token);
    }

    /**
     * Whether the view is served, by the rules above.
     *
     * @throws IllegalArgumentException for {@code true} on a non-loopback address without a token
     */
    static boolean enabled(String setting, String bindAddress, String token) {
        boolean loopback = isLoopback(bindAddress);
        boolean hasToken = token != null && !token.isEmpty();
        return switch (setting) {
            case "false" -> false;
            case "true" -> {
                if (!loopback && !hasToken) {
                    throw new IllegalArgumentException("the live view on " + bindAddress + " (not loopback) needs a token");
                }
                yield true;
            }
            default -> loopback || hasToken;
        };
    }

    static boolean isLoopback(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    boolean required() {
        return token != null;
    }

    /**
     * Checks the request; when it is refused (401) or answered with a redirect that sets the cookie,
     * the response is sent here and false returned.
     */
    boolean admit(HttpExchange exchange) throws IOException {
        if (token == null) {
            return true;
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("token=") && matches(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8))) {
                    exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + new String(token, StandardCharsets.UTF_8)
                            + "; Path=/ui; HttpOnly; SameSite=Strict");
                    exchange.getResponseHeaders().set("Location", exchange.getRequestURI().getRawPath());
                    exchange.sendResponseHeaders(303, -1);
                    exchange.close();
                    return false;
                }
            }
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.startsWith("Bearer ") && matches(auth.substring(7).trim())) {
            return true;
        }
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String c : header.split(";")) {
                String t = c.trim();
                if (t.startsWith(COOKIE + "=") && matches(t.substring(COOKIE.length() + 1))) {
                    return true;
                }
            }
        }
        UiHttp.send(exchange, 401, "text/plain; charset=utf-8",
                "live view: a token is required (open the address with ?token=...)\n".getBytes(StandardCharsets.UTF_8));
        return false;
    }

    private boolean matches(String given) {
        return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8)); // constant time
    }
}
