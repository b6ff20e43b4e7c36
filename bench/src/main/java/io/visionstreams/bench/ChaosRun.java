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
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds N events through instances running in their own JVMs while killing them (SIGKILL)
 * mid-stream, then reads every output topic from the beginning and counts, per (event, task),
 * missing and duplicate outcomes. Kills are spread by real progress: kill k fires once
 * k/(kills+1) of all expected (event, task) outcomes, Tags included, have arrived, and never before
 * the previous victim is running again. With {@code survivors > 0}, killed instances are not
 * restarted: the surviving instances must take over their partitions. A zombie is an instance
 * stopped with SIGSTOP past its session time-out (its partitions move on) and woken with SIGCONT:
 * whatever it still holds must be fenced.
 */
public final class ChaosRun {

    private static final Logger log = LoggerFactory.getLogger(ChaosRun.class);
    /** The instances' consumer session time-out: a killed or stopped member is out of the group after it. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);

    /**
     * @param instances     instances running at once
     * @param kills         how many times an instance is killed mid-stream
     * @param restart       whether a killed instance is started again on the same state
     * @param partitions    partitions of the input topic
     * @param streamThreads Kafka Streams threads per instance
     * @param produceWhileRunning produce the events (paced over about a third of the timeout's first minute)
     *                      after the instances started, rather than all before
     * @param zombie        between two kills (at half the outcomes when there are none), SIGSTOP the last instance
     *                      for twice the session time-out, then SIGCONT it; no kill in the next three session time-outs
     */
    public record Options(int events, int instances, int kills, boolean restart, String guarantee,
                          Set<VisionTask> tasks, int partitions, int streamThreads, List<byte[]> images,
                          Duration timeout, boolean produceWhileRunning, boolean zombie) {

        /** The options of earlier versions: events produced first, no zombie. */
        public Options(int events, int instances, int kills, boolean restart, String guarantee, Set<VisionTask> tasks,
                       int partitions, int streamThreads, List<byte[]> images, Duration timeout) {
            this(events, instances, kills, restart, guarantee, tasks, partitions, streamThreads, images, timeout,
                    false, false);
        }
    }

    /** One fault: what was done to which instance, at which share of expected outcomes and second of the run. */
    public record Fault(String kind, int instance, double progress, int outcomes, double seconds) {}

    /**
     * What came out: results per task ({@code tags} included: one Tags record per event), missing and
     * duplicate (event, task) pairs in all and per task, dead letters, and from the instances' logs the
     * pending frames re-submitted after restarts and the task fencings/migrations Kafka Streams reported;
     * each fault with the progress at which it fired, and the fencing lines the zombie logged after waking.
     */
    public record Report(int events, Map<String, Integer> results, int missing, int duplicates, int deadLetters,
                         int kills, int resubmitted, double seconds, List<String> missingSample,
                         Map<String, Integer> missingByTask, Map<String, Integer> duplicatesByTask, int fencings,
                         List<Fault> faults, int zombieFencings) {}

    private ChaosRun() {}

    public static Report run(Options options, Path workDir) throws Exception {
        long started = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            VisionConfig config = VisionConfig.from(Map.of("vision.tasks",
                    options.tasks().stream().map(VisionTask::configName).collect(Collectors.joining(","))));
            kafka.createTopics(List.of(config.topics().imageEvents()), options.partitions());
            kafka.createTopics(config.topics().all(), 1);
            List<String> eventIds = new ArrayList<>();
            for (int i = 0; i < options.events(); i++) {
                eventIds.add(String.format("chaos-%06d", i));
            }
            CompletableFuture<Void> produced = options.produceWhileRunning() ? null
                    : CompletableFuture.completedFuture(produce(kafka, config, options, eventIds, 0));
            List<Path> configs = new ArrayList<>();
            for (int i = 0; i < options.instances(); i++) {
                configs.add(writeConfig(workDir, i, kafka.bootstrapServers(), options));
            }
            List<InstanceProcess> running = new ArrayList<>();
            for (int i = 0; i < options.instances(); i++) {
                running.add(start(configs.get(i), workDir, i));
            }
            if (produced == null) { // paced: about 20 events a second while the instances start and run
                produced = CompletableFuture.runAsync(() -> produce(kafka, config, options, eventIds, 50));
            }
            List<String> ledgerTasks = new ArrayList<>(options.tasks().stream().sorted().map(VisionTask::configName).toList());
            ledgerTasks.add(Outcome.TAGS); // one Tags record per event (tags are on by default)
            EventLedger ledger = new EventLedger(eventIds, ledgerTasks);
            int expected = eventIds.size() * ledgerTasks.size();
            Map<String, Integer> results = new TreeMap<>();
            int[] deadLetters = {0};
            List<Fault> faults = new ArrayList<>();
            int kills = 0;
            int zombie = -1;
            long zombieWoke = 0;
            // halfway between two kills, so the zombie's stop and wake never coincide with a kill
            double zombieAt = (options.kills() / 2 + 0.5) / (options.kills() + 1);
            int zombieLinesBefore = 0;
            int[] runningLinesAtRestart = new int[options.instances()];
            try (ResultReader reader = new ResultReader(kafka.bootstrapServers(), config)) {
                long deadline = System.nanoTime() + options.timeout().toNanos();
                int seen = 0;
                while (!ledger.complete() && System.nanoTime() < deadline) {
                    seen += drain(reader, ledger, results, deadLetters);
                    double progress = 1.0 - (double) ledger.missing().size() / expected;
                    double seconds = (System.nanoTime() - started) / 1e9;
                    if (options.zombie() && zombie < 0 && progress >= zombieAt && options.instances() > 1) {
                        zombie = options.instances() - 1;
                        zombieLinesBefore = count(workDir.resolve("instance-" + zombie + ".log"), FENCED);
                        log.info("chaos: SIGSTOP instance {} at {} of expected outcomes", zombie, progress);
                        faults.add(new Fault("sigstop", zombie, round(progress), seen, round(seconds)));
                        running.get(zombie).pause();
                        Thread.sleep(SESSION_TIMEOUT.multipliedBy(2).toMillis()); // its partitions move on meanwhile
                        running.get(zombie).resume();
                        faults.add(new Fault("sigcont", zombie, round(progress), seen,
                                round((System.nanoTime() - started) / 1e9)));
                        zombieWoke = System.nanoTime();
                    }
                    boolean zombieSettled = zombieWoke == 0 // the woken zombie gets time to be fenced before a kill
                            || System.nanoTime() - zombieWoke > SESSION_TIMEOUT.multipliedBy(3).toNanos();
                    int victim = kills % options.instances();
                    if (kills < options.kills() && zombieSettled
                            && progress >= (double) (kills + 1) / (options.kills() + 1)
                            && (!options.restart() || running(workDir, victim) > runningLinesAtRestart[victim])) {
                        log.info("chaos: SIGKILL instance {} at {} of expected outcomes ({} of {})", victim, progress,
                                seen, expected);
                        faults.add(new Fault("sigkill", victim, round(progress), seen, round(seconds)));
                        running.get(victim).kill();
                        kills++;
                        if (options.restart()) {
                            runningLinesAtRestart[victim] = running(workDir, victim);
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
            produced.join();
            Set<String> missing = ledger.missing();
            int zombieFencings = zombie < 0 ? 0
                    : count(workDir.resolve("instance-" + zombie + ".log"), FENCED) - zombieLinesBefore;
            return new Report(eventIds.size(), results, missing.size(), ledger.duplicates(), deadLetters[0], kills,
                    countAll(workDir, RESUBMITTED), (System.nanoTime() - started) / 1e9, missing.stream().limit(10).toList(),
                    ledger.missingByTask(), ledger.duplicatesByTask(), countAll(workDir, FENCED), faults, zombieFencings);
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
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

    private static Void produce(EmbeddedKafka kafka, VisionConfig config, Options options, List<String> ids,
                                long pauseMillis) {
        try (ImageEventProducer producer = new ImageEventProducer(kafka.bootstrapServers(), config.topics().imageEvents())) {
            for (int i = 0; i < ids.size(); i++) {
                byte[] image = options.images().get(i % options.images().size());
                producer.send(ImageEvent.newBuilder().setEventId(ids.get(i)).setSourceId("camera-" + (i % 8))
                        .setCapturedAt(Instant.now()).setImage(ByteBuffer.wrap(image)).setAttributes(Map.of()).build());
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
            producer.flush();
            return null;
        } catch (Exception e) {
            throw new IllegalStateException("producing the chaos events failed", e);
        }
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
        props.put("vision.http.port", "-1"); // several instances on one machine
        // a killed member must leave the group quickly so its partitions move on
        props.put("consumer.session.timeout.ms", String.valueOf(SESSION_TIMEOUT.toMillis()));
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
            + "InvalidProducerEpochException|CommitFailedException).*$()");
    /** The instance's line when Kafka Streams reaches RUNNING. */
    private static final Pattern RUNNING = Pattern.compile("Kafka Streams RUNNING()");

    private static int running(Path workDir, int instance) throws IOException {
        return count(workDir.resolve("instance-" + instance + ".log"), RUNNING);
    }

    /** Sums group 1 of {@code line} (or counts matches when group 1 is empty) over the instances' logs. */
    private static int countAll(Path workDir, Pattern line) throws IOException {
        int total = 0;
        try (Stream<Path> logs = Files.list(workDir)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                total += count(log, line);
            }
        }
        return total;
    }

    private static int count(Path log, Pattern line) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        int total = 0;
        Matcher m = line.matcher(Files.readString(log));
        while (m.find()) {
            total += m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1));
        }
        return total;
    }

    private static InstanceProcess start(Path config, Path workDir, int instance) throws IOException {
        return InstanceProcess.start(config, workDir.resolve("instance-" + instance + ".log"), Map.of());
    }
}
