package io.visionstreams.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.Timing;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads the fields of one results.jsonl object back, with the contract's checks: a field that is
 * missing, null or of another JSON type fails with an {@link IOException} naming it. Also the parts
 * every result has ({@code captured_at}, {@code model}, {@code timing}), as {@code ResultsJson} writes them.
 */
public final class JsonFields {

    private JsonFields() {}

    public static JsonNode field(JsonNode j, String name) throws IOException {
        JsonNode v = j.get(name);
        if (v == null || v.isNull()) {
            throw new IOException("missing \"" + name + "\"");
        }
        return v;
    }

    public static JsonNode array(JsonNode j, String name) throws IOException {
        JsonNode v = field(j, name);
        if (!v.isArray()) {
            throw new IOException("\"" + name + "\" is not an array");
        }
        return v;
    }

    public static String text(JsonNode j, String name) throws IOException {
        JsonNode v = field(j, name);
        if (!v.isTextual()) {
            throw new IOException("\"" + name + "\" is not a string");
        }
        return v.asText();
    }

    public static double number(JsonNode j, String name) throws IOException {
        JsonNode v = field(j, name);
        if (!v.isNumber()) {
            throw new IOException("\"" + name + "\" is not a number");
        }
        return v.asDouble();
    }

    public static int integer(JsonNode j, String name) throws IOException {
        JsonNode v = field(j, name);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IOException("\"" + name + "\" is not an integer");
        }
        return v.asInt();
    }

    public static Instant capturedAt(JsonNode j) throws IOException {
        return Instant.ofEpochMilli(field(j, "captured_at").asLong());
    }

    public static ModelRef model(JsonNode j) throws IOException {
        JsonNode m = field(j, "model");
        return new ModelRef(text(m, "name"), text(m, "version"), text(m, "engine"), text(m, "device"));
    }

    public static Timing timing(JsonNode j) throws IOException {
        JsonNode t = field(j, "timing");
        return new Timing(number(t, "queue_ms"), number(t, "inference_ms"), integer(t, "batch_size"));
    }
}
