package io.visionstreams.config;

import static io.visionstreams.config.VisionConfigDef.*;

import io.visionstreams.inference.DetectionSettings;
import io.visionstreams.inference.InferenceSettings;
import io.visionstreams.inference.ModelSettings;
import io.visionstreams.inference.Precision;
import io.visionstreams.inference.VisionTask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * The validated configuration of one Vision Streams instance: the {@code vision.*} settings,
 * typed (and every parsed value, untyped, in {@code settings} for generic readers such as replay), and
 * the Kafka Streams properties passed through. Built by {@link #from(Map)}; a wrong value fails there
 * with a message naming its key.
 */
public record VisionConfig(
        Set<VisionTask> tasks,
        String device,
        String engine,
        Topics topics,
        ModelSettings models,
        Batching batching,
        Decoding decoding,
        Fetching fetching,
        int topK,
        DetectionSettings detection,
        int httpPort,
        String httpBindAddress,
        int maxRecordBytes,
        Output output,
        Map<String, Object> settings,
        Properties streams,
        Supervising supervising,
        FrameFlow flow) implements InferenceSettings {

    /**
     * @param results the result topic of every task (enabled or not)
     * @param tags    the Tags topic (written when vision.tags.enabled)
     * @param objectEvents the ObjectEvent topic and {@code zones} the Zones table (vision.tracking.enabled)
     */
    public record Topics(String imageEvents, Map<VisionTask, String> results, String deadLetters, String tags,
                         String objectEvents, String zones) {

        public Topics {
            results = Collections.unmodifiableMap(new EnumMap<>(results));
        }

        public String resultsFor(VisionTask task) {
            return results.get(task);
        }

        public List<String> all() {
            List<String> all = new ArrayList<>();
            all.add(imageEvents);
            all.addAll(results.values());
            all.add(deadLetters);
            all.add(tags);
            all.add(objectEvents);
            all.add(zones);
            return List.copyOf(all);
        }
    }

    /** @param workers inference threads per model; 0 = decided from the device and OMP_NUM_THREADS */
    public record Batching(int maxSize, Duration maxQueueDelay, int workers, int maxInFlight, Duration forwardInterval,
                           Duration resultTimeout) {

        public Batching {
            if (maxInFlight < maxSize) {
                throw new ConfigException(BATCH_MAX_IN_FLIGHT, maxInFlight,
                        "must be at least " + BATCH_MAX_SIZE + " (" + maxSize + ") or batches never fill");
            }
        }
    }

    /**
     * @param inferencePermits batches in a model at once on this instance; 0 = decided from the device and
     *                         OMP_NUM_THREADS, -1 = no limit
     */
    public record Supervising(int inferencePermits, int pauseAfterFailedBatches, Duration maxBackoff,
                              int threadReplacements, Duration replacementWindow, Duration batchDeadline) {}

    /** @param reduce JPEG DCT-scaled decoding down to the largest enabled model input ({@code vision.decode.reduce=auto}) */
    public record Decoding(long maxBytes, long maxPixels, boolean reduce) {}

    /**
     * @param processingTimeStamps results are timestamped when made, not with captured_at
     * @param stopOffsets          input partition → first offset not processed (a replay's slice end)
     */
    public record Output(boolean processingTimeStamps, Map<Integer, Long> stopOffsets) {

        public Output {
            stopOffsets = Map.copyOf(stopOffsets);
        }

        /** The record timestamp of a result whose event was captured at {@code capturedAt}. */
        public long timestampOf(long capturedAt) {
            return processingTimeStamps ? System.currentTimeMillis() : capturedAt;
        }
    }


    /** Claim-check limits; see {@link io.visionstreams.ingest.FetchPolicy} for what each refuses. */
    public record Fetching(List<String> schemes, long maxBytes, Duration timeout, Path fileRoot, List<String> allowedHosts,
                           List<String> allowedNetworks, int maxRedirects) {}

    public VisionConfig {
        settings = Collections.unmodifiableMap(new HashMap<>(settings));
        if (tasks.isEmpty()) {
            throw new ConfigException(TASKS, "", "at least one task must be enabled");
        }
        tasks = Set.copyOf(tasks);
    }

    /** Parses and validates {@code vision.*} keys; every other key is kept for Kafka Streams. */
    public static VisionConfig from(Map<String, String> raw) {
        Map<String, String> vision = new HashMap<>();
        Properties streams = new Properties();
        for (String[] d : STREAMS_DEFAULTS) {
            streams.setProperty(d[0], d[1]);
        }
        raw.forEach((k, v) -> {
            if (k.startsWith("vision.")) {
                if (!DEF.names().contains(k)) {
                    throw new ConfigException(k, v, "unknown configuration key (see docs/configuration.md)");
                }
                vision.put(k, v);
            } else {
                streams.setProperty(k, v);
            }
        });
        Map<String, Object> p = DEF.parse(vision);
        Set<VisionTask> tasks = EnumSet.noneOf(VisionTask.class);
        for (Object t : (List<?>) p.get(TASKS)) {
            tasks.add(VisionTask.fromConfigName((String) t));
        }
        Map<VisionTask, String> names = new LinkedHashMap<>();
        Map<VisionTask, Path> paths = new LinkedHashMap<>();
        Map<VisionTask, String> resultTopics = new EnumMap<>(VisionTask.class);
        for (VisionTask task : VisionTask.values()) {
            names.put(task, (String) p.get(task.modelKey()));
            putPath(paths, task, (String) p.get(task.modelPathKey()));
            resultTopics.put(task, (String) p.get(task.topicKey()));
        }
        return new VisionConfig(
                tasks,
                (String) p.get(DEVICE),
                (String) p.get(ENGINE),
                new Topics((String) p.get(TOPIC_IMAGE_EVENTS), resultTopics, (String) p.get(TOPIC_DEAD_LETTERS),
                        (String) p.get(TOPIC_TAGS), (String) p.get(TOPIC_OBJECT_EVENTS), (String) p.get(TOPIC_ZONES)),
                new ModelSettings(names, paths, pathOrNull((String) p.get(MODELS_DIR)),
                        pathOrNull((String) p.get(MODELS_CACHE)), (Boolean) p.get(MODELS_DOWNLOAD),
                        Precision.fromConfigName((String) p.get(MODEL_PRECISION))),
                new Batching((Integer) p.get(BATCH_MAX_SIZE), Duration.ofMillis((Long) p.get(BATCH_MAX_DELAY)),
                        (Integer) p.get(BATCH_WORKERS), (Integer) p.get(BATCH_MAX_IN_FLIGHT), Duration.ofMillis((Long) p.get(BATCH_FORWARD_INTERVAL)),
                        Duration.ofMillis((Long) p.get(BATCH_WAIT_TIMEOUT))),
                new Decoding((Long) p.get(DECODE_MAX_BYTES), (Long) p.get(DECODE_MAX_PIXELS), "auto".equals(p.get(DECODE_REDUCE))),
                new Fetching(castList(p.get(FETCH_SCHEMES)), (Long) p.get(FETCH_MAX_BYTES),
                        Duration.ofMillis((Long) p.get(FETCH_TIMEOUT)), pathOrNull((String) p.get(FETCH_FILE_ROOT)),
                        castList(p.get(FETCH_ALLOWED_HOSTS)), castList(p.get(FETCH_ALLOWED_NETWORKS)),
                        (Integer) p.get(FETCH_MAX_REDIRECTS)),
                (Integer) p.get(TOP_K),
                new DetectionSettings(((Double) p.get(DET_SCORE)).floatValue(), ((Double) p.get(DET_IOU)).floatValue(),
                        (Integer) p.get(DET_MAX)),
                (Integer) p.get(HTTP_PORT),
                (String) p.get(HTTP_BIND_ADDRESS),
                (Integer) p.get(OUTPUT_MAX_RECORD_BYTES),
                new Output("processing-time".equals(p.get(OUTPUT_TIMESTAMP)), stopOffsets(castList(p.get(INPUT_STOP_OFFSETS)))),
                p,
                streams,
                new Supervising((Integer) p.get(BATCH_INFERENCE_PERMITS), (Integer) p.get(SUPERVISION_PAUSE_AFTER),
                        Duration.ofMillis((Long) p.get(SUPERVISION_MAX_BACKOFF)),
                        (Integer) p.get(SUPERVISION_THREAD_REPLACEMENTS),
                        Duration.ofMillis((Long) p.get(SUPERVISION_REPLACEMENT_WINDOW)),
                        Duration.ofMillis((Long) p.get(SUPERVISION_BATCH_DEADLINE))),
                FrameFlow.from(p));
    }

    /** The Kafka Streams properties (a copy: callers may add their own). */
    public Properties streamsProperties() {
        Properties copy = new Properties();
        copy.putAll(streams);
        return copy;
    }

    /** The parsed value of a {@code vision.*} key (its default when unset). */
    public Object setting(String key) {
        if (!settings.containsKey(key)) {
            throw new IllegalArgumentException("not a vision.* key: " + key);
        }
        return settings.get(key);
    }

    /** {@code vision.schemas.dir}: the folder of newer writer schemas, or null when unset. */
    public Path schemasDir() {
        return pathOrNull((String) setting(SCHEMAS_DIR));
    }

    /** As a record's, with every secret Kafka setting {@linkplain Secrets#redacted hidden}. */
    @Override
    public String toString() {
        return "VisionConfig[tasks=" + tasks + ", device=" + device + ", topics=" + topics + ", models=" + models
                + ", batching=" + batching + ", decoding=" + decoding + ", fetching=" + fetching + ", topK=" + topK
                + ", detection=" + detection + ", httpPort=" + httpPort + ", httpBindAddress=" + httpBindAddress
                + ", maxRecordBytes=" + maxRecordBytes + ", output=" + output + ", streams=" + Secrets.redacted(streams) + "]";
    }

    public String applicationId() {
        return streams.getProperty("application.id");
    }

    private static void putPath(Map<VisionTask, Path> paths, VisionTask task, String value) {
        if (!value.isBlank()) {
            paths.put(task, Path.of(value));
        }
    }

    private static Map<Integer, Long> stopOffsets(List<String> pairs) {
        Map<Integer, Long> out = new HashMap<>();
        for (String pair : pairs) {
            String[] po = pair.trim().split(":");
            try {
                out.put(Integer.parseInt(po[0]), Long.parseLong(po[1]));
            } catch (RuntimeException e) {
                throw new ConfigException(INPUT_STOP_OFFSETS, String.join(",", pairs), "expected partition:offset pairs");
            }
        }
        return out;
    }

    private static Path pathOrNull(String value) {
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return (List<String>) value;
    }
}
