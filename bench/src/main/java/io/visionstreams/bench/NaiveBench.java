package io.visionstreams.bench;

import io.visionstreams.app.Wiring;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.batching.BatchTiming;
import io.visionstreams.batching.ResultEncoder;
import io.visionstreams.client.ResultReader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.FrameLoader;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.task.TaskSpecs;
import io.visionstreams.results.Serdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The baseline every benchmark compares against: a plain consumer loop that, per record,
 * decodes, calls the model synchronously on that one frame, and produces the result (offsets
 * committed after each poll), one loop per core side by side. Same broker, images, model and
 * result encoding as the pipeline.
 */
public final class NaiveBench {

    private NaiveBench() {}

    /**
     * Images per second over {@code events} results once warm (measured as the pipeline is).
     *
     * @param loops consumer loops side by side (same group), each with its own predictor: one per core is fair
     */
    public static double run(EmbeddedKafka kafka, VisionModel<?> model, VisionTask task, PipelineBench.Warmup warmup,
                             int events, List<byte[]> images, int loops) throws Exception {
        String run = "bench.naive." + Long.toHexString(System.nanoTime());
        VisionConfig config = VisionConfig.from(Map.of("vision.tasks", task.configName(),
                "vision.topics.image-events", run + ".images",
                task.topicKey(), run + "." + task.configName(),
                "vision.topics.dead-letters", run + ".dead-letters"));
        kafka.createTopics(List.of(config.topics().imageEvents()), PipelineBench.INPUT_PARTITIONS);
        kafka.createTopics(List.of(config.topics().resultsFor(task), config.topics().deadLetters()), 1);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            threads.add(new Thread(() -> consumeLoop(kafka, config, model, task, running, run), "naive-loop-" + i));
        }
        try (ResultReader reader = new ResultReader(kafka.bootstrapServers(), config.topics(), List.of(task))) {
            threads.forEach(Thread::start);
            return PipelineBench.warmThenMeasure(kafka, config, reader, images, warmup, events, "naive").imagesPerSecond();
        } finally {
            running.set(false);
            for (Thread t : threads) {
                t.join(30_000);
            }
        }
    }

    private static <R> void consumeLoop(EmbeddedKafka kafka, VisionConfig config, VisionModel<R> model, VisionTask task,
                                        AtomicBoolean running, String group) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        FrameLoader loader = Wiring.frameLoader(config); // the same decoding and limits as the pipeline
        ResultEncoder<R> encoder = TaskSpecs.<R>of(task).encoder();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
             Inferer<R> inferer = model.newInferer()) {
            consumer.subscribe(List.of(config.topics().imageEvents()));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    ImageEvent event = Serdes.IMAGE_EVENT.decode(record.value());
                    RgbImage frame = loader.load(event);
                    long start = System.nanoTime();
                    R result = inferer.infer(List.of(frame)).get(0);
                    BatchTiming timing = new BatchTiming(0, (System.nanoTime() - start) / 1e6, 1);
                    producer.send(new ProducerRecord<>(config.topics().resultsFor(task), record.key(),
                            encoder.encode(event, model.info(), timing, result)));
                }
                consumer.commitSync();
            }
        } catch (Exception e) {
            throw new IllegalStateException("naive loop failed", e);
        }
    }
}
