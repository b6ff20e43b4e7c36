package io.visionstreams.registry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry settings, under the names Confluent's serializers use, read from the same client
 * configuration as the Kafka settings (the service's properties, a command's {@code --command-config}).
 * {@link #toString()} shows no secret.
 *
 * @param urls             {@code schema.registry.url} (comma-separated; tried in order), each possibly with a
 *                         path, e.g. Apicurio's {@code http://host:8080/apis/ccompat/v7}
 * @param authorization    the {@code Authorization} header value, or null
 * @param truststore       {@code schema.registry.ssl.truststore.location}, or null (the JDK's trust)
 * @param autoRegister     {@code auto.register.schemas} (default true)
 * @param useLatestVersion {@code use.latest.version} (default false)
 * @param strategy         {@code value.subject.name.strategy} (default TopicNameStrategy)
 */
public record RegistrySettings(List<String> urls, String authorization, Path truststore, char[] truststorePassword,
                               String truststoreType, boolean autoRegister, boolean useLatestVersion,
                               SubjectStrategy strategy) {

    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String BEARER_AUTH_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String AUTO_REGISTER = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SUBJECT_STRATEGY = "value.subject.name.strategy";

    public RegistrySettings {
        urls = urls.stream().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(URL + " is empty");
        }
    }

    /** Whether {@code key} is one of the registry settings read here. */
    public static boolean isRegistryKey(String key) {
        return key.startsWith("schema.registry.") || key.startsWith("basic.auth.") || key.startsWith("bearer.auth.")
                || key.equals(AUTO_REGISTER) || key.equals(USE_LATEST_VERSION) || key.equals(SUBJECT_STRATEGY);
    }

    /** The settings in {@code config}, or null when it has no {@code schema.registry.url}. */
    public static RegistrySettings from(Map<?, ?> config) {
        String urls = get(config, URL, "");
        if (urls.isBlank()) {
            return null;
        }
        List<String> list = Arrays.stream(urls.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        String location = get(config, TRUSTSTORE_LOCATION, "");
        String password = get(config, TRUSTSTORE_PASSWORD, "");
        return new RegistrySettings(list, authorization(config, list.get(0)),
                location.isBlank() ? null : Path.of(location), password.isEmpty() ? null : password.toCharArray(),
                get(config, TRUSTSTORE_TYPE, "JKS"), bool(config, AUTO_REGISTER, true),
                bool(config, USE_LATEST_VERSION, false),
                SubjectStrategy.fromClassName(get(config, SUBJECT_STRATEGY, "TopicNameStrategy")));
    }

    /** Basic (USER_INFO, or URL: the user info of the URL) or bearer (STATIC_TOKEN) credentials, as Confluent's client reads them. */
    private static String authorization(Map<?, ?> config, String firstUrl) {
        String bearer = get(config, BEARER_AUTH_SOURCE, "");
        String token = get(config, BEARER_AUTH_TOKEN, "");
        if (!bearer.isBlank() || !token.isBlank()) {
            if (!bearer.isBlank() && !"STATIC_TOKEN".equalsIgnoreCase(bearer)) {
                throw new IllegalArgumentException(BEARER_AUTH_SOURCE + "=" + bearer + " is not supported (STATIC_TOKEN)");
            }
            if (token.isBlank()) {
                throw new IllegalArgumentException(BEARER_AUTH_TOKEN + " is empty");
            }
            return "Bearer " + token;
        }
        String source = get(config, BASIC_AUTH_SOURCE, "").toUpperCase(Locale.ROOT);
        String userInfo = get(config, BASIC_AUTH_USER_INFO, "");
        if (source.equals("URL")) {
            userInfo = java.net.URI.create(firstUrl).getRawUserInfo();
            if (userInfo == null) {
                throw new IllegalArgumentException(BASIC_AUTH_SOURCE + "=URL but " + URL + " has no user info");
            }
        } else if (!source.isEmpty() && !source.equals("USER_INFO")) {
            throw new IllegalArgumentException(BASIC_AUTH_SOURCE + "=" + source + " is not supported (USER_INFO or URL)");
        }
        if (userInfo == null || userInfo.isBlank()) {
            return null;
        }
        if (!userInfo.contains(":")) {
            throw new IllegalArgumentException(BASIC_AUTH_USER_INFO + " must be user:password");
        }
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static String get(Map<?, ?> config, String key, String otherwise) {
        Object v = config.get(key);
        return v == null ? otherwise : String.valueOf(v).trim();
    }

    private static boolean bool(Map<?, ?> config, String key, boolean otherwise) {
        String v = get(config, key, "");
        if (v.isEmpty()) {
            return otherwise;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + "=" + v + ": expected true or false");
        }
        return Boolean.parseBoolean(v);
    }

    /** No credential, password or user info: the URLs without user info, and which kinds of settings are set. */
    @Override
    public String toString() {
        return "RegistrySettings[urls=" + urls.stream().map(u -> u.replaceFirst("//[^/@]*@", "//[hidden]@")).toList()
                + ", authorization=" + (authorization == null ? "none" : authorization.substring(0, authorization.indexOf(' ')) + " [hidden]")
                + ", truststore=" + truststore + ", autoRegister=" + autoRegister + ", useLatestVersion=" + useLatestVersion
                + ", strategy=" + strategy + "]";
    }
}
