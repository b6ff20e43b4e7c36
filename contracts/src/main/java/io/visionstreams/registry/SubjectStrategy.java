package io.visionstreams.registry;

import java.util.Locale;
import org.apache.avro.Schema;

/**
 * How a topic and a record schema name a registry subject, as Confluent's
 * {@code value.subject.name.strategy} does; set by the class's simple or full name.
 */
public enum SubjectStrategy {
    /** {@code <topic>-value}: one record type per topic (the default). */
    TOPIC_NAME,
    /** {@code <record full name>}: one subject per type, whatever the topic. */
    RECORD_NAME,
    /** {@code <topic>-<record full name>}: several types on one topic. */
    TOPIC_RECORD_NAME;

    public String subject(String topic, Schema schema) {
        return switch (this) {
            case TOPIC_NAME -> topic + "-value";
            case RECORD_NAME -> schema.getFullName();
            case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
        };
    }

    /**
     * {@code TopicNameStrategy}, {@code io.confluent.kafka.serializers.subject.TopicRecordNameStrategy}, ...
     *
     * @throws IllegalArgumentException for any other name
     */
    public static SubjectStrategy fromClassName(String name) {
        String simple = name.substring(name.lastIndexOf('.') + 1).trim();
        for (SubjectStrategy s : values()) {
            String camel = camel(s.name()) + "Strategy";
            if (camel.equalsIgnoreCase(simple)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown subject name strategy " + name
                + " (TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy)");
    }

    private static String camel(String constant) {
        StringBuilder out = new StringBuilder();
        for (String part : constant.split("_")) {
            out.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
