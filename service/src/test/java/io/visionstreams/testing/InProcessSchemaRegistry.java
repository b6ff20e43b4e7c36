package io.visionstreams.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A schema registry for tests, in memory, speaking the Confluent REST subset (register, schema by
 * id, latest version, lookup, compatibility, subject list, a subject's compatibility level) under an optional base path (Apicurio's
 * {@code /apis/ccompat/v7}), with BACKWARD compatibility checked by Avro's {@link SchemaCompatibility}
 * and an optional required {@code Authorization} header. {@link #stop()} and {@link #start()} simulate an
 * outage on the same port; what it holds survives. Not a product: the client and the independent
 * clients (kafkajs, Python) are tested against it because no registry server runs here.
 */
public final class InProcessSchemaRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String basePath;
    private final String authorization;
    private final List<Schema> byId = new ArrayList<>(); // id = index + 1
    private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();
    private final Map<String, String> compatibility = new LinkedHashMap<>(); // BACKWARD unless set to NONE
    private final AtomicInteger requests = new AtomicInteger();
    private int port;
    private HttpServer server;

    /**
     * @param basePath      e.g. "" or "/apis/ccompat/v7"
     * @param authorization the {@code Authorization} header every request must carry, or null
     */
    public InProcessSchemaRegistry(String basePath, String authorization) throws IOException {
        this.basePath = basePath;
        this.authorization = authorization;
        start();
    }

    public InProcessSchemaRegistry() throws IOException {
        this("", null);
    }

    /** The URL clients are given ({@code schema.registry.url}). */
    public String url() {
        return "http://127.0.0.1:" + port + basePath;
    }

    /** Requests answered so far. */
    public int requests() {
        return requests.get();
    }

    /** Starts serving again, on the same port as before. */
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext(basePath.isEmpty() ? "/" : basePath, this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    /** Stops answering (connections refused) until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Registers as a producer would (used by tests to play an upgraded producer). */
    public synchronized int register(String subject, Schema schema) {
        Object result = registerOrRefuse(subject, schema);
        if (result instanceof String refusal) {
            throw new IllegalStateException(refusal);
        }
        return (Integer) result;
    }

    /** The schema registered with {@code id}, or null. */
    public synchronized Schema schema(int id) {
        return id >= 1 && id <= byId.size() ? byId.get(id - 1) : null;
    }

    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            if (authorization != null && !authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, error(401, "Unauthorized"));
                return;
            }
            String path = exchange.getRequestURI().getRawPath().substring(basePath.length());
            String method = exchange.getRequestMethod();
            JsonNode body = "POST".equals(method) || "PUT".equals(method) ? JSON.readTree(exchange.getRequestBody()) : null;
            synchronized (this) {
                route(exchange, method, path.split("/"), body);
            }
        }
    }

    private void route(HttpExchange exchange, String method, String[] p, JsonNode body) throws IOException {
        // p[0] is "" (the path starts with "/")
        if (p.length == 2 && p[1].equals("subjects") && method.equals("GET")) {
            respond(exchange, 200, JSON.valueToTree(subjects.keySet()));
        } else if (p.length == 4 && p[1].equals("schemas") && p[2].equals("ids") && method.equals("GET")) {
            Schema s = schema(Integer.parseInt(p[3]));
            respond(exchange, s == null ? 404 : 200, s == null ? error(40403, "Schema not found")
                    : JSON.createObjectNode().put("schema", s.toString()));
        } else if (p.length == 4 && p[1].equals("subjects") && p[3].equals("versions") && method.equals("POST")) {
            Object result = registerOrRefuse(decode(p[2]), parse(body));
            respond(exchange, result instanceof String ? 409 : 200, result instanceof String refusal
                    ? error(409, refusal) : JSON.createObjectNode().put("id", (Integer) result));
        } else if (p.length == 5 && p[1].equals("subjects") && p[3].equals("versions") && p[4].equals("latest")
                && method.equals("GET")) {
            List<Integer> versions = subjects.get(decode(p[2]));
            respond(exchange, versions == null ? 404 : 200, versions == null ? error(40401, "Subject not found")
                    : version(decode(p[2]), versions.size()));
        } else if (p.length == 3 && p[1].equals("subjects") && method.equals("POST")) {
            String subject = decode(p[2]);
            List<Integer> versions = subjects.get(subject);
            int index = versions == null ? -1 : versions.indexOf(idOf(parse(body)));
            respond(exchange, index < 0 ? 404 : 200, versions == null ? error(40401, "Subject not found")
                    : index < 0 ? error(40403, "Schema not found") : version(subject, index + 1));
        } else if (p.length == 3 && p[1].equals("config") && method.equals("PUT")) {
            String level = body.path("compatibility").asText("BACKWARD");
            compatibility.put(decode(p[2]), level); // clients such as kafkajs's set it when they register
            respond(exchange, 200, JSON.createObjectNode().put("compatibility", level));
        } else if (p.length == 6 && p[1].equals("compatibility") && p[2].equals("subjects") && method.equals("POST")) {
            List<Integer> versions = subjects.get(decode(p[3]));
            boolean ok = versions == null || compatible(parse(body), schema(versions.get(versions.size() - 1)));
            respond(exchange, 200, JSON.createObjectNode().put("is_compatible", ok));
        } else {
            respond(exchange, 404, error(404, "no such endpoint: " + method + " " + String.join("/", p)));
        }
    }

    /** The id, or a refusal message (409) when BACKWARD-incompatible with the subject's latest version. */
    private Object registerOrRefuse(String subject, Schema schema) {
        List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        int existing = idOf(schema);
        if (existing > 0 && versions.contains(existing)) {
            return existing;
        }
        if (!versions.isEmpty() && !"NONE".equals(compatibility.get(subject))
                && !compatible(schema, schema(versions.get(versions.size() - 1)))) {
            if (versions.isEmpty()) {
                subjects.remove(subject);
            }
            return "Schema being registered is incompatible with an earlier schema for subject \"" + subject + "\"";
        }
        int id = existing > 0 ? existing : addSchema(schema);
        versions.add(id);
        return id;
    }

    private int addSchema(Schema schema) {
        byId.add(schema);
        return byId.size();
    }

    private int idOf(Schema schema) {
        for (int i = 0; i < byId.size(); i++) {
            if (byId.get(i).equals(schema)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** BACKWARD: the new schema, as reader, reads data written with the latest one. */
    private static boolean compatible(Schema newer, Schema latest) {
        return SchemaCompatibility.checkReaderWriterCompatibility(newer, latest).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }

    private ObjectNode version(String subject, int version) {
        int id = subjects.get(subject).get(version - 1);
        return JSON.createObjectNode().put("subject", subject).put("version", version).put("id", id)
                .put("schema", schema(id).toString());
    }

    private static Schema parse(JsonNode body) {
        return new Schema.Parser().parse(body.get("schema").asText());
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
