package io.visionstreams.config;

import static io.visionstreams.config.VisionConfigDef.*;

import io.visionstreams.inference.VisionTask;
import java.nio.file.Path;
import java.time.Duration;
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
 * typed, and the Kafka Streams properties passed through. Built by {@link #from(Map)}; a wrong
 * value fails there with a message naming its key.
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
        Detection detection,
        int httpPort,
        String httpBindAddress,
        int maxRecordBytes,
        Properties streams) {

    public record Topics(String imageEvents, String classifications, String detections, String segmentations,
                         String deadLetters) {

        public String resultsFor(VisionTask task) {
            return switch (task) {
                case CLASSIFICATION -> classifications;
                case DETECTION -> detections;
                case SEGMENTATION -> segmentations;
            };
        }

        public List<String> all() {
            return List.of(imageEvents, classifications, detections, segmentations, deadLetters);
        }
    }

    /** Model names per task, explicit source paths, the models folder and cache. */
    public record ModelSettings(Map<VisionTask, String> names, Map<VisionTask, Path> explicitPaths, Path modelsDir,
                                Path cacheDir, boolean download) {}

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

    public record Decoding(long maxBytes, long maxPixels) {}

    /** Claim-check limits; see {@link io.visionstreams.ingest.FetchPolicy} for what each refuses. */
    public record Fetching(List<String> schemes, long maxBytes, Duration timeout, Path fileRoot, List<String> allowedHosts,
                           List<String> allowedNetworks, int maxRedirects) {}

    public record Detection(float scoreThreshold, float iouThreshold, int maxDetections) {}

    public VisionConfig {
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
                    throw new ConfigException(k, v, "unknown configuration key (see the README's configuration reference)");
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
        names.put(VisionTask.CLASSIFICATION, (String) p.get(MODEL_CLASSIFICATION));
        names.put(VisionTask.DETECTION, (String) p.get(MODEL_DETECTION));
        names.put(VisionTask.SEGMENTATION, (String) p.get(MODEL_SEGMENTATION));
        Map<VisionTask, Path> paths = new LinkedHashMap<>();
        putPath(paths, VisionTask.CLASSIFICATION, (String) p.get(MODEL_CLASSIFICATION_PATH));
        putPath(paths, VisionTask.DETECTION, (String) p.get(MODEL_DETECTION_PATH));
        putPath(paths, VisionTask.SEGMENTATION, (String) p.get(MODEL_SEGMENTATION_PATH));
        return new VisionConfig(
                tasks,
                (String) p.get(DEVICE),
                (String) p.get(ENGINE),
                new Topics((String) p.get(TOPIC_IMAGE_EVENTS), (String) p.get(TOPIC_CLASSIFICATIONS),
                        (String) p.get(TOPIC_DETECTIONS), (String) p.get(TOPIC_SEGMENTATIONS),
                        (String) p.get(TOPIC_DEAD_LETTERS)),
                new ModelSettings(names, paths, pathOrNull((String) p.get(MODELS_DIR)),
                        pathOrNull((String) p.get(MODELS_CACHE)), (Boolean) p.get(MODELS_DOWNLOAD)),
                new Batching((Integer) p.get(BATCH_MAX_SIZE), Duration.ofMillis((Long) p.get(BATCH_MAX_DELAY)),
                        (Integer) p.get(BATCH_WORKERS), (Integer) p.get(BATCH_MAX_IN_FLIGHT), Duration.ofMillis((Long) p.get(BATCH_FORWARD_INTERVAL)),
                        Duration.ofMillis((Long) p.get(BATCH_WAIT_TIMEOUT))),
                new Decoding((Long) p.get(DECODE_MAX_BYTES), (Long) p.get(DECODE_MAX_PIXELS)),
                new Fetching(castList(p.get(FETCH_SCHEMES)), (Long) p.get(FETCH_MAX_BYTES),
                        Duration.ofMillis((Long) p.get(FETCH_TIMEOUT)), pathOrNull((String) p.get(FETCH_FILE_ROOT)),
                        castList(p.get(FETCH_ALLOWED_HOSTS)), castList(p.get(FETCH_ALLOWED_NETWORKS)),
                        (Integer) p.get(FETCH_MAX_REDIRECTS)),
                (Integer) p.get(TOP_K),
                new Detection(((Double) p.get(DET_SCORE)).floatValue(), ((Double) p.get(DET_IOU)).floatValue(),
                        (Integer) p.get(DET_MAX)),
                (Integer) p.get(HTTP_PORT),
                (String) p.get(HTTP_BIND_ADDRESS),
                (Integer) p.get(OUTPUT_MAX_RECORD_BYTES),
                streams);
    }

    /** The Kafka Streams properties (a copy: callers may add their own). */
    public Properties streamsProperties() {
        Properties copy = new Properties();
        copy.putAll(streams);
        return copy;
    }

    /** As a record's, with every secret Kafka setting {@linkplain Secrets#redacted hidden}. */
    @Override
    public String toString() {
        return "VisionConfig[tasks=" + tasks + ", device=" + device + ", topics=" + topics + ", models=" + models
                + ", batching=" + batching + ", decoding=" + decoding + ", fetching=" + fetching + ", topK=" + topK
                + ", detection=" + detection + ", httpPort=" + httpPort + ", httpBindAddress=" + httpBindAddress
                + ", maxRecordBytes=" + maxRecordBytes + ", streams=" + Secrets.redacted(streams) + "]";
    }

    public String applicationId() {
        return streams.getProperty("application.id");
    }

    private static void putPath(Map<VisionTask, Path> paths, VisionTask task, String value) {
        if (!value.isBlank()) {
            paths.put(task, Path.of(value));
        }
    }

    private static Path pathOrNull(String value) {
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return (List<String>) value;
    }
}
