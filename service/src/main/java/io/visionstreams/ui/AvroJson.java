package io.visionstreams.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;

/**
 * Any Avro record as JSON for the page, field names as the schema spells them: times
 * (timestamp-millis) as epoch milliseconds, bytes left out (the page fetches images by URL). Used for
 * contracts this view shows without knowing them field by field (object events, zones). Avro's own
 * JSON encoder writes unions as {"type": value}, which the page would have to unwrap: hence this.
 */
final class AvroJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AvroJson() {}

    static ObjectNode of(IndexedRecord record) {
        ObjectNode o = F.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            o.set(field.name(), value(record.get(field.pos())));
        }
        return o;
    }

    private static JsonNode value(Object v) {
        if (v == null || v instanceof ByteBuffer || v instanceof byte[]) {
            return F.nullNode();
        }
        if (v instanceof IndexedRecord r) {
            return of(r);
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = F.arrayNode();
            c.forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            m.forEach((k, x) -> o.set(k.toString(), value(x)));
            return o;
        }
        if (v instanceof Instant t) {
            return F.numberNode(t.toEpochMilli());
        }
        if (v instanceof Integer i) {
            return F.numberNode(i);
        }
        if (v instanceof Long l) {
            return F.numberNode(l);
        }
        if (v instanceof Float f) {
            return F.numberNode(f);
        }
        if (v instanceof Double d) {
            return F.numberNode(d);
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof GenericContainer || v instanceof Enum<?>) {
            return F.textNode(v.toString()); // enum symbols
        }
        return F.textNode(v.toString());
    }
}
