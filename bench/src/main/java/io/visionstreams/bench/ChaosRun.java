package io.visionstreams.bench;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.client.EventLedger;
import io.visionstreams.client.ImageEventProducer;
import io.visionstreams.client.Outcome;
import io.visionstreams.client.ResultReader;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import io.visionstreams.inference.VisionTask;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds N events through instances running in their own JVMs while killing them (SIGKILL)
 * mid-stream, then reads every output topic from the beginning and counts, per (event, task),
 * missing and duplicate outcomes. With {@code survivors > 0}, killed instances are not restarted:
 * the surviving instances must take over their partitions.
 */
public final class ChaosRun {

    private static final Logger log = LoggerFactory.getLogger(ChaosRun.class);

    /**
     * @param instances instances running at once
     * @param kills     how many times an instance is killed mid-stream
     * @param restart   whether a killed instance is started again on the same state
     * @param partitions    partitions of the input topic
     * @param streamThreads Kafka Streams threads per instance
     */
    public record Options(int events, int instances, int kills, boolean restart, String guarantee,
                          Set<VisionTask> tasks, int partitions, int streamThreads, List<byte[]> images,
                          Duration timeout) {}

    /**
     * What came out: results per task ({@code tags} included: one Tags record per event), missing and
     * duplicate (event, task) pairs in all and per task, dead letters, and from the instances' logs the
     * pending frames re-submitted after restarts and the task fencings/migrations Kafka Streams reported.
     */
    public record Report(int events, Map<String, Integer> results, int missing, int duplicates, int deadLetters,
                         int kills, int resubmitted, double seconds, List<String> missingSample,
                         Map<String, Integer> missingByTask, Map<String, Integer> duplicatesByTask, int fencings) {}

    private ChaosRun() {}

    public static Report run(Options options, Path workDir) throws Exception {
        long started = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            VisionConfig config = VisionConfig.from(Map.of("vision.tasks",
                    options.tasks().stream().map(VisionTask::configName).collect(Collectors.joining(","))));
            kafka.createTopics(List.of(config.topics().imageEvents()), options.partitions());
            kafka.createTopics(config.topics().all(), 1);
            List<String> eventIds = produce(kafka, config, options);
            List<Path> configs = new ArrayList<>();
            for (int i = 0; i < options.instances(); i++) {
                configs.add(writeConfig(workDir, i, kafka.bootstrapServers(), options));
            }
            List<InstanceProcess> running = new ArrayList<>();
            for (int i = 0; i < options.instances(); i++) {
                running.add(start(configs.get(i), workDir, i));
            }
            List<String> ledgerTasks = new ArrayList<>(options.tasks().stream().sorted().map(VisionTask::configName).toList());
            ledgerTasks.add(Outcome.TAGS); // one Tags record per event (tags are on by default)
            EventLedger ledger = new EventLedger(eventIds, ledgerTasks);
            Map<String, Integer> results = new TreeMap<>();
            int[] deadLetters = {0};
            int expected = eventIds.size() * options.tasks().size();
            int kills = 0;
            try (ResultReader reader = new ResultReader(kafka.bootstrapServers(), config)) {
                long deadline = System.nanoTime() + options.timeout().toNanos();
                int seen = 0;
                while (!ledger.complete() && System.nanoTime() < deadline) {
                    seen += drain(reader, ledger, results, deadLetters);
                    if (kills < options.kills() && seen >= expected * (kills + 1) / (options.kills() + 1)) {
                        int victim = kills % options.instances();
                        log.info("chaos: SIGKILL instance {} after {} of {} outcomes", victim, seen, expected);
                        running.get(victim).kill();
                        kills++;
                        if (options.restart()) {
                            running.set(victim, start(configs.get(victim), workDir, victim));
                        }
                    }
                }
                long grace = System.nanoTime() + Duration.ofSeconds(3).toNanos(); // late repeats count too
                while (System.nanoTime() < grace) {
                    drain(reader, ledger, results, deadLetters);
                }
            } finally {
                for (InstanceProcess p : running) {
                    p.close();
                }
            }
            Set<String> missing = ledger.missing();
            return new Report(eventIds.size(), results, missing.size(), ledger.duplicates(), deadLetters[0], kills,
                    count(workDir, RESUBMITTED), (System.nanoTime() - started) / 1e9, missing.stream().limit(10).toList(),
                    ledger.missingByTask(), ledger.duplicatesByTask(), count(workDir, FENCED));
        }
    }

    private static int drain(ResultReader reader, EventLedger ledger, Map<String, Integer> results, int[] deadLetters)
            throws IOException {
        List<Outcome> batch = reader.poll(Duration.ofMillis(200));
        for (Outcome o : batch) {
            ledger.record(o);
            if (o.isDeadLetter()) {
                deadLetters[0]++;
            } else {
                results.merge(o.task(), 1, Integer::sum);
            }
        }
        return batch.size();
    }

    private static List<String> produce(EmbeddedKafka kafka, VisionConfig config, Options options) throws Exception {
        List<String> ids = new ArrayList<>();
        try (ImageEventProducer producer = new ImageEventProducer(kafka.bootstrapServers(), config.topics().imageEvents())) {
            for (int i = 0; i < options.events(); i++) {
                String id = String.format("chaos-%06d", i);
                byte[] image = options.images().get(i % options.images().size());
                producer.send(ImageEvent.newBuilder().setEventId(id).setSourceId("camera-" + (i % 8))
                        .setCapturedAt(Instant.now()).setImage(ByteBuffer.wrap(image)).setAttributes(Map.of()).build());
                ids.add(id);
            }
            producer.flush();
        }
        return ids;
    }

    private static Path writeConfig(Path workDir, int instance, String bootstrap, Options options) throws IOException {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("application.id", "vision-chaos");
        props.put("processing.guarantee", options.guarantee());
        props.put("state.dir", workDir.resolve("state-" + instance).toString());
        props.put("vision.tasks", options.tasks().stream().map(VisionTask::configName).collect(Collectors.joining(",")));
        props.put("commit.interval.ms", "500");
        props.put("num.stream.threads", String.valueOf(options.streamThreads()));
        // a killed member must leave the group quickly so its partitions move on
        props.put("consumer.session.timeout.ms", "6000");
        props.put("consumer.heartbeat.interval.ms", "1500");
        Path file = workDir.resolve("instance-" + instance + ".properties");
        StringBuilder text = new StringBuilder();
        props.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(file, text);
        return file;
    }

    /** Pending frames the restarted instances restored from their changelogs and submitted again. */
    private static final Pattern RESUBMITTED = Pattern.compile("re-submitted (\\d+) pending frames");
    /** Kafka Streams' log lines for a task fenced or migrated (each counts one). */
    private static final Pattern FENCED = Pattern.compile("(?m)^.*(?:ProducerFencedException|TaskMigratedException|"
            + "InvalidProducerEpochException).*$()");

    /** Sums group 1 of {@code line} (or counts matches when group 1 is empty) over the instances' logs. */
    private static int count(Path workDir, Pattern line) throws IOException {
        int total = 0;
        try (Stream<Path> logs = Files.list(workDir)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                Matcher m = line.matcher(Files.readString(log));
                while (m.find()) {
                    total += m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1));
                }
            }
        }
        return total;
    }

    private static InstanceProcess start(Path config, Path workDir, int instance) throws IOException {
        return InstanceProcess.start(config, workDir.resolve("instance-" + instance + ".log"), Map.of());
    }
}
