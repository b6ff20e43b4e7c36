package io.visionstreams.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;

/**
 * A client for the Confluent Schema Registry REST subset: register, schema by id, latest version,
 * lookup, compatibility; ids and schemas cached (a schema id never changes meaning). Tracks whether
 * the registry answered its last call ({@link #isReachable()}) and counts the calls it could not make.
 * Thread-safe. Hand-written over {@code java.net.http}: Confluent's Java client is not on Maven Central,
 * and Apicurio's serde speaks Apicurio's own API rather than this subset.
 */
public final class RegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistrySettings settings;
    private final HttpClient http;
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<String, Integer> registered = new ConcurrentHashMap<>();
    private final AtomicLong unavailable = new AtomicLong();
    private volatile boolean reachable = true;
    private volatile long lastProbeNanos;

    public RegistryClient(RegistrySettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(RegistryTls.context(settings)).build();
    }

    public RegistrySettings settings() {
        return settings;
    }

    /** The writer schema with this id (cached). @throws RegistryException 404 when the registry does not know it */
    public Schema schemaById(int id) throws IOException {
        Schema known = byId.get(id);
        if (known != null) {
            return known;
        }
        Schema schema = parse(call("GET", "/schemas/ids/" + id, null).get("schema").asText());
        byId.putIfAbsent(id, schema);
        return schema;
    }

    /** Registers {@code schema} under {@code subject} (the registry returns the existing id when it has it). @throws RegistryException 409 when incompatible */
    public int register(String subject, Schema schema) throws IOException {
        String key = subject + "\n" + schema;
        Integer known = registered.get(key);
        if (known != null) {
            return known;
        }
        int id = call("POST", "/subjects/" + encode(subject) + "/versions", body(schema)).get("id").asInt();
        remember(key, id, schema);
        return id;
    }

    /** The id of {@code schema} under {@code subject}, without registering it. @throws RegistryException 404 when it is not there */
    public int lookup(String subject, Schema schema) throws IOException {
        String key = subject + "\n" + schema;
        Integer known = registered.get(key);
        if (known != null) {
            return known;
        }
        int id = call("POST", "/subjects/" + encode(subject), body(schema)).get("id").asInt();
        remember(key, id, schema);
        return id;
    }

    /** The latest version registered under {@code subject}: its id and schema. */
    public Registered latest(String subject) throws IOException {
        JsonNode node = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        Schema schema = parse(node.get("schema").asText());
        byId.putIfAbsent(node.get("id").asInt(), schema);
        return new Registered(node.get("id").asInt(), node.path("version").asInt(), schema);
    }

    /** Whether the registry's configured compatibility check accepts {@code schema} after the latest version of {@code subject}. */
    public boolean isCompatibleWithLatest(String subject, Schema schema) throws IOException {
        return call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", body(schema))
                .path("is_compatible").asBoolean(false);
    }

    /** One schema version of a subject. */
    public record Registered(int id, int version, Schema schema) {}

    /**
     * Whether the last call got an answer; while it did not, asks the registry again (its subject list) at
     * most once a second, so readiness recovers without a record to read.
     */
    public boolean isReachable() {
        if (!reachable && System.nanoTime() - lastProbeNanos > Duration.ofSeconds(1).toNanos()) {
            lastProbeNanos = System.nanoTime();
            try {
                call("GET", "/subjects", null);
            } catch (IOException e) {
                // still down: reachable stays false
            }
        }
        return reachable;
    }

    /** Calls that found no registry answering (refused, timed out, 5xx) since this client was made. */
    public long unavailableCount() {
        return unavailable.get();
    }

    private void remember(String key, int id, Schema schema) {
        registered.putIfAbsent(key, id);
        byId.putIfAbsent(id, schema);
    }

    private JsonNode call(String method, String path, String body) throws IOException {
        IOException last = null;
        for (String base : settings.urls()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(withoutUserInfo(base) + path))
                    .timeout(TIMEOUT).header("Accept", CONTENT_TYPE + ", application/json");
            if (settings.authorization() != null) {
                request.header("Authorization", settings.authorization());
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (body != null) {
                request.header("Content-Type", CONTENT_TYPE);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                last = new RegistryUnavailableException("schema registry " + redacted(base) + " unreachable: " + e, e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("interrupted while asking the schema registry", e);
            }
            if (response.statusCode() >= 500 || response.statusCode() == 401 || response.statusCode() == 403
                    || response.statusCode() == 429) { // down, overloaded, or not letting us in: no answer about the schema
                last = new RegistryUnavailableException("schema registry " + redacted(base) + " answered "
                        + response.statusCode() + " to " + method + " " + path + ": " + response.body(), null);
                continue;
            }
            reachable = true;
            JsonNode node = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 300) {
                throw new RegistryException(response.statusCode(), node.path("error_code").asInt(-1),
                        "schema registry " + redacted(base) + " refused " + method + " " + path + " ("
                                + response.statusCode() + "): " + node.path("message").asText(response.body()));
            }
            return node;
        }
        reachable = false;
        lastProbeNanos = System.nanoTime();
        unavailable.incrementAndGet();
        throw last;
    }

    private static String body(Schema schema) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("schema", schema.toString());
        return JSON.writeValueAsString(node);
    }

    private static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String withoutUserInfo(String url) {
        return url.replaceFirst("//[^/@]*@", "//");
    }

    private static String redacted(String url) {
        return url.replaceFirst("//[^/@]*@", "//[hidden]@");
    }
}
