package io.visionstreams.client;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * One end of a slice of a topic, as {@code --from}/{@code --to} give it: a record timestamp
 * (ISO-8601 instant such as {@code 2026-12-01T22:00:00Z}, or epoch milliseconds) or explicit
 * offsets ({@code partition:offset[,partition:offset...]}; a partition not listed is unbounded).
 * Both ends are resolved to offsets per partition; a slice is {@code [from, to)}.
 */
public sealed interface OffsetBound {

    /** The first record at or after this time (Kafka's offsetsForTimes). */
    record Timestamp(Instant at) implements OffsetBound {}

    record Offsets(Map<Integer, Long> byPartition) implements OffsetBound {
        public Offsets {
            byPartition = Map.copyOf(byPartition);
        }
    }

    Pattern OFFSETS = Pattern.compile("\\d+:\\d+(,\\d+:\\d+)*");

    /** @return null for null or blank text */
    static OffsetBound parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (OFFSETS.matcher(t).matches()) {
            Map<Integer, Long> offsets = new LinkedHashMap<>();
            for (String pair : t.split(",")) {
                String[] po = pair.split(":");
                offsets.put(Integer.parseInt(po[0]), Long.parseLong(po[1]));
            }
            return new Offsets(offsets);
        }
        if (t.chars().allMatch(Character::isDigit)) {
            return new Timestamp(Instant.ofEpochMilli(Long.parseLong(t)));
        }
        try {
            return new Timestamp(Instant.parse(t));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is neither partition:offset[,...], epoch milliseconds "
                    + "nor an ISO-8601 instant (e.g. 2026-12-01T22:00:00Z)");
        }
    }

    /**
     * The offset this bound names in each partition; where it names none (a partition not listed,
     * a time after the last record), {@code otherwise} gives it.
     */
    static Map<TopicPartition, Long> resolve(OffsetBound bound, Consumer<?, ?> consumer,
                                             Collection<TopicPartition> partitions,
                                             Map<TopicPartition, Long> otherwise) {
        Map<TopicPartition, Long> out = new HashMap<>(otherwise);
        if (bound instanceof Offsets o) {
            for (TopicPartition tp : partitions) {
                Long offset = o.byPartition().get(tp.partition());
                if (offset != null) {
                    out.put(tp, offset);
                }
            }
        } else if (bound instanceof Timestamp ts) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, ts.at().toEpochMilli()));
            for (Map.Entry<TopicPartition, OffsetAndTimestamp> e : consumer.offsetsForTimes(query).entrySet()) {
                if (e.getValue() != null) {
                    out.put(e.getKey(), e.getValue().offset());
                }
            }
        }
        return out;
    }
}
