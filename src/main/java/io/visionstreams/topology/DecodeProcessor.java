package io.visionstreams.topology;

import io.visionstreams.ingest.Frame;
import io.visionstreams.ingest.FrameLoader;
import io.visionstreams.ingest.InputRejected;
import io.visionstreams.ingest.SourceRecord;
import io.visionstreams.ops.VisionMetrics;
import io.visionstreams.results.DeadLetters;
import io.visionstreams.results.Serdes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw input records in; decoded frames out to every enabled task, in memory (decode once, fan
 * out), or one dead letter (DESERIALIZE, FETCH, DECODE or VALIDATE) when the input is bad. Records
 * past {@code vision.input.stop-offsets} (a replay's slice end) are skipped.
 */
final class DecodeProcessor implements Processor<byte[], byte[], byte[], Object> {

    private static final Logger log = LoggerFactory.getLogger(DecodeProcessor.class);

    private final FrameLoader loader;
    private final List<String> taskProcessors;
    private final VisionMetrics metrics;
    private final int maxRecordBytes;
    private final Map<Integer, Long> stopOffsets;
    private ProcessorContext<byte[], Object> context;

    DecodeProcessor(FrameLoader loader, List<String> taskProcessors, VisionMetrics metrics, int maxRecordBytes,
                    Map<Integer, Long> stopOffsets) {
        this.loader = loader;
        this.taskProcessors = List.copyOf(taskProcessors);
        this.metrics = metrics;
        this.maxRecordBytes = maxRecordBytes;
        this.stopOffsets = Map.copyOf(stopOffsets);
    }

    @Override
    public void init(ProcessorContext<byte[], Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        SourceRecord source = source(record);
        Long stop = stopOffsets.get(source.partition());
        if (stop != null && source.offset() >= stop) {
            return; // past the end of this instance's slice (vision.input.stop-offsets): not ours to process
        }
        Frame frame;
        try {
            frame = loader.load(source);
        } catch (InputRejected r) {
            log.info("dead letter {} {} for event {} at {}: {}", r.stage(), r.reason(), r.eventId(),
                    source.coordinates(), r.getMessage());
            byte[] value = Serdes.DEAD_LETTER.encode(DeadLetters.of(source, r.eventId(), r.stage(), r.reason(),
                    r.getMessage(), null, Instant.now(), maxRecordBytes));
            context.forward(new Record<>(record.key(), value, record.timestamp()), Names.DEAD_LETTERS_SINK);
            metrics.deadLetter(r.stage().name(), r.reason(), null);
            return;
        }
        Record<byte[], Object> out = new Record<>(record.key(), frame, record.timestamp());
        for (String task : taskProcessors) {
            context.forward(out, task);
        }
    }

    private SourceRecord source(Record<byte[], byte[]> record) {
        Optional<RecordMetadata> meta = context.recordMetadata();
        return new SourceRecord(meta.map(RecordMetadata::topic).orElse(""),
                meta.map(RecordMetadata::partition).orElse(-1), meta.map(RecordMetadata::offset).orElse(-1L),
                record.timestamp(), record.key(), record.value(), SourceRecord.headersOf(record.headers()));
    }
}
