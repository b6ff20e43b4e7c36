package io.visionstreams.app;

import io.visionstreams.config.VisionConfig;
import io.visionstreams.config.VisionConfigDef;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Streams producer must be allowed to send the largest record this instance writes. */
final class ProducerCheck {

    private ProducerCheck() {}

    static List<PreflightProblem> check(VisionConfig config, StreamsConfig streams) {
        Object configured = streams.getProducerConfigs("preflight")
                .get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        long maxRequest = configured == null ? 1_048_576 : Long.parseLong(configured.toString());
        long needed = (long) config.maxRecordBytes() + TopicCheck.RECORD_OVERHEAD_BYTES;
        if (maxRequest >= needed) {
            return List.of();
        }
        return List.of(new PreflightProblem(StreamsConfig.PRODUCER_PREFIX + ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                "is " + maxRequest + ", below " + VisionConfigDef.OUTPUT_MAX_RECORD_BYTES + "=" + config.maxRecordBytes()
                        + " plus " + TopicCheck.RECORD_OVERHEAD_BYTES + " bytes for key, headers and framing (" + needed
                        + "): raise it, or lower " + VisionConfigDef.OUTPUT_MAX_RECORD_BYTES));
    }
}
