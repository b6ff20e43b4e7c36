package io.visionstreams.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.Range.between;

import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.engine.Engines;
import io.visionstreams.task.TaskSpec;
import io.visionstreams.task.TaskSpecs;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * Every {@code vision.*} configuration key: type, default, validation and documentation, in one
 * place (Kafka's {@link ConfigDef}). The configuration reference (docs/configuration.md) is generated from it.
 * Keys not defined here (bootstrap.servers, processing.guarantee, ...) pass through to Kafka Streams.
 */
public final class VisionConfigDef {

    public static final String TASKS = "vision.tasks";
    public static final String DEVICE = "vision.device";
    public static final String ENGINE = "vision.engine";
    public static final String TOPIC_IMAGE_EVENTS = "vision.topics.image-events";
    public static final String TOPIC_DEAD_LETTERS = "vision.topics.dead-letters";
    public static final String MODELS_DIR = "vision.models.dir";
    public static final String MODELS_CACHE = "vision.models.cache";
    public static final String MODELS_DOWNLOAD = "vision.models.download";
    public static final String MODEL_PRECISION = "vision.model.precision";
    public static final String TOP_K = "vision.classification.top-k";
    public static final String DET_SCORE = "vision.detection.score-threshold";
    public static final String DET_IOU = "vision.detection.iou-threshold";
    public static final String DET_MAX = "vision.detection.max-detections";
    public static final String BATCH_MAX_SIZE = "vision.batch.max-size";
    public static final String BATCH_MAX_DELAY = "vision.batch.max-queue-delay-ms";
    public static final String BATCH_WORKERS = "vision.batch.workers";
    public static final String BATCH_MAX_IN_FLIGHT = "vision.batch.max-in-flight";
    public static final String BATCH_FORWARD_INTERVAL = "vision.batch.forward-interval-ms";
    public static final String BATCH_WAIT_TIMEOUT = "vision.batch.result-timeout-ms";
    public static final String DECODE_MAX_BYTES = "vision.decode.max-bytes";
    public static final String DECODE_MAX_PIXELS = "vision.decode.max-pixels";
    public static final String FETCH_SCHEMES = "vision.fetch.schemes";
    public static final String FETCH_MAX_BYTES = "vision.fetch.max-bytes";
    public static final String FETCH_TIMEOUT = "vision.fetch.timeout-ms";
    public static final String FETCH_FILE_ROOT = "vision.fetch.file-root";
    public static final String HTTP_PORT = "vision.http.port";
    public static final String OUTPUT_MAX_RECORD_BYTES = "vision.output.max-record-bytes";
    public static final String DECODE_REDUCE = "vision.decode.reduce";
    public static final String BATCH_INFERENCE_PERMITS = "vision.batch.inference-permits";
    public static final String SUPERVISION_PAUSE_AFTER = "vision.supervision.pause-after-failed-batches";
    public static final String SUPERVISION_MAX_BACKOFF = "vision.supervision.max-backoff-ms";
    public static final String SUPERVISION_THREAD_REPLACEMENTS = "vision.supervision.thread-replacements";
    public static final String SUPERVISION_REPLACEMENT_WINDOW = "vision.supervision.thread-replacement-window-ms";
    public static final String SUPERVISION_BATCH_DEADLINE = "vision.supervision.batch-deadline-ms";
    public static final String OUTPUT_TIMESTAMP = "vision.output.timestamp";
    public static final String INPUT_STOP_OFFSETS = "vision.input.stop-offsets";
    public static final String SCHEMAS_DIR = "vision.schemas.dir";
    public static final String SERDE_FORMAT = "vision.serde.format";
    public static final String FETCH_ALLOWED_HOSTS = "vision.fetch.allowed-hosts";
    public static final String FETCH_ALLOWED_NETWORKS = "vision.fetch.allowed-networks";
    public static final String FETCH_MAX_REDIRECTS = "vision.fetch.max-redirects";
    public static final String HTTP_BIND_ADDRESS = "vision.http.bind-address";

    public static final ConfigDef DEF = new ConfigDef()
            .define(TASKS, Type.LIST, String.join(",", VisionTask.configNames()),
                    ConfigDef.ValidList.in(VisionTask.configNames().toArray(String[]::new)), HIGH,
                    "Tasks every decoded frame is sent to, each with its own model and result topic.")
            .define(DEVICE, Type.STRING, "auto", ValidString.in("auto", "cpu", "gpu"), HIGH,
                    "Where models run: auto (GPU when the engine can use one, else CPU), cpu, or gpu (start-up fails with one "
                            + "line naming what is missing if no GPU can be used; never a CPU fallback).")
            .define(ENGINE, Type.STRING, "MXNet", ConfigDef.CaseInsensitiveValidString.in(
                    Engines.names().toArray(String[]::new)), LOW,
                    "DJL engine that runs the models, any case: mxnet (the CPU default) or onnxruntime (ONNX files emitted "
                            + "by the same converters; its CUDA build with -Pgpu is the GPU path). See docs/engines.md.")
            .define(TOPIC_IMAGE_EVENTS, Type.STRING, "vision.image-events", HIGH, "Input topic of ImageEvent records.");

    static {
        for (VisionTask task : VisionTask.values()) {
            DEF.define(task.topicKey(), Type.STRING, task.defaultTopic(), MEDIUM,
                    "Output topic of " + task.avroType() + " records.");
        }
        DEF.define(TOPIC_DEAD_LETTERS, Type.STRING, "vision.dead-letters", MEDIUM, "Output topic of DeadLetter records.")
            .define(MODELS_DIR, Type.STRING, "", LOW,
                    "Folder holding the pretrained source weights, one sub-folder per model; empty: the VISION_MODELS_DIR environment variable.")
            .define(MODELS_CACHE, Type.STRING, "", LOW,
                    "Cache of downloaded sources and converted MXNet models; empty: VISION_MODELS_CACHE, else ~/.cache/vision-streams/models.")
            .define(MODELS_DOWNLOAD, Type.BOOLEAN, true, LOW,
                    "Download missing source weights from their public URLs (checked by sha256); false: fail instead.");
        for (VisionTask task : VisionTask.values()) {
            DEF.define(task.modelKey(), Type.STRING, task.defaultModel(), MEDIUM, "Catalog name of the "
                    + task.configName() + " model (`./vision-streams models list` shows the catalog).");
        }
        for (VisionTask task : VisionTask.values()) {
            DEF.define(task.modelPathKey(), Type.STRING, "", LOW, "Explicit folder of the " + task.configName()
                    + " model's source files; overrides the models folder and cache.");
        }
        DEF.define(MODEL_PRECISION, Type.STRING, "auto", ValidString.in("auto", "fp32", "int8"), MEDIUM,
                    "Precision of the quantized TFLite models (classification, segmentation) on CPU: fp32, or int8 (MKLDNN INT8 "
                            + "graph calibrated from the file's own scales; see docs/performance.md), or auto: int8 on a CPU with VNNI or AMX "
                            + "for each model whose INT8 agreement meets the float targets (docs/performance-int8.md), fp32 elsewhere. "
                            + "Detection (float TF.js weights) and GPUs run fp32.")
            .define(TOP_K, Type.INT, 5, between(1, 1000), MEDIUM, "Classes published per classification.")
            .define(DET_SCORE, Type.DOUBLE, 0.3, between(0.0, 1.0), MEDIUM, "Minimum score of a published detection.")
            .define(DET_IOU, Type.DOUBLE, 0.6, between(0.0, 1.0), MEDIUM, "Per-class non-maximum suppression IoU threshold (SSDLite; ssd_mobilenet_v1_coco applies its own post-processing op's options, then the score threshold and the object limit).")
            .define(DET_MAX, Type.INT, 100, between(1, 1917), MEDIUM, "Maximum detections published per frame.")
            .define(BATCH_MAX_SIZE, Type.INT, 8, between(1, 256), HIGH, "Largest batch the dynamic batcher forms for a model.")
            .define(BATCH_MAX_DELAY, Type.LONG, 10L, atLeast(0), HIGH,
                    "Longest a frame waits in the batcher for its batch to fill, in milliseconds.")
            .define(BATCH_WORKERS, Type.INT, 0, between(0, 64), HIGH,
                    "Inference threads per model, each with its own predictor; 0: one per group of OMP_NUM_THREADS cores "
                            + "on CPU (all cores with OMP_NUM_THREADS=1, the launcher's default), 1 on GPU.")
            .define(BATCH_MAX_IN_FLIGHT, Type.INT, 32, between(1, 10_000), MEDIUM,
                    "Input records a stream task (one input partition) may hold before every enabled task has answered them; "
                            + "at the bound process() waits (back-pressure, at most vision.batch.result-timeout-ms).")
            .define(BATCH_FORWARD_INTERVAL, Type.LONG, 5L, atLeast(1), LOW,
                    "Wall-clock period of the punctuator that forwards completed results, in milliseconds.")
            .define(BATCH_WAIT_TIMEOUT, Type.LONG, 4_000L, atLeast(1), LOW,
                    "Longest one back-pressure wait of process() lasts (then the record is admitted, its decoding deferred); "
                            + "at most half of transaction.timeout.ms (exactly-once) and of max.poll.interval.ms, checked at start-up.")
            .define(DECODE_MAX_BYTES, Type.LONG, 20L * 1024 * 1024, atLeast(1), MEDIUM,
                    "Largest encoded image accepted, in bytes (larger: dead letter TOO_LARGE).")
            .define(DECODE_MAX_PIXELS, Type.LONG, 50_000_000L, atLeast(1), MEDIUM,
                    "Largest decoded image accepted, in pixels, checked from the header before decoding (larger: dead letter TOO_MANY_PIXELS).")
            .define(FETCH_SCHEMES, Type.LIST, "file,http,https", ConfigDef.ValidList.in("file", "http", "https"), MEDIUM,
                    "URI schemes an ImageEvent's image_uri may use.")
            .define(FETCH_MAX_BYTES, Type.LONG, 20L * 1024 * 1024, atLeast(1), MEDIUM, "Largest image fetched from an image_uri, in bytes.")
            .define(FETCH_TIMEOUT, Type.LONG, 10_000L, atLeast(1), MEDIUM, "Time-out of a whole image_uri fetch (connect, headers and body), in milliseconds.")
            .define(FETCH_FILE_ROOT, Type.STRING, "", LOW,
                    "Folder file:// claim checks must resolve inside (links and .. followed first); empty: file:// claim checks are "
                            + "refused (SCHEME_NOT_ALLOWED).")
            .define(OUTPUT_MAX_RECORD_BYTES, Type.INT, 1_000_000, atLeast(1024), MEDIUM,
                    "Largest record value this application writes (under the producer's max.request.size and the topics' "
                            + "max.message.bytes): a bigger result becomes a SERIALIZE dead letter (RESULT_TOO_LARGE); a dead "
                            + "letter whose original value is bigger omits it (original_value_omitted).")
            .define(OUTPUT_TIMESTAMP, Type.STRING, "captured-at", ValidString.in("captured-at", "processing-time"), MEDIUM,
                    "Record timestamp of every result: captured-at (the event's time; results of old frames fall under the "
                            + "output topics' time retention at once) or processing-time (when the result was made; replay's "
                            + "default). The payload's captured_at is the event's time either way.")
            .define(INPUT_STOP_OFFSETS, Type.LIST, "", MEDIUM,
                    "partition:offset pairs: input records at or past these offsets are skipped, not processed (replay "
                            + "sets it to end its slice); empty: no end.")
            .define(HTTP_PORT, Type.INT, -1, between(-1, 65535), MEDIUM,
                    "Port of the HTTP endpoint serving /metrics, /health/live and /health/ready; -1: no endpoint, 0: any free port.")
            .define(SERDE_FORMAT, Type.STRING, "single-object", ValidString.in("single-object", "registry"), MEDIUM,
                    "Wire format of everything written (results, Tags, dead letters): single-object (Avro single-object "
                            + "encoding, readable with the schema files) or registry (magic byte 0 + schema id, schemas "
                            + "registered at schema.registry.url; see docs/schema-registry.md). Input is read in either, "
                            + "detected per record.")
            .define(SCHEMAS_DIR, Type.STRING, "", MEDIUM,
                    "Folder of writer schemas (*.avsc) newer than this build, e.g. a newer release's schemas/ folder: "
                            + "ImageEvents written with them are read too (the folder is watched: a file dropped in is seen by the "
                            + "next record needing it); "
                            + "empty: this build's and the released schemas only.")
            // claim-check safety and the endpoint's address (docs/security.md)
            .define(FETCH_ALLOWED_HOSTS, Type.LIST, "", MEDIUM,
                    "Where http(s) claim checks may be fetched from, redirects included: hosts (images.example.com), "
                            + "host:port, domain wildcards (*.example.com) or URL prefixes (https://cdn.example.com/frames/); "
                            + "empty: http(s) claim checks are refused (HOST_NOT_ALLOWED).")
            .define(FETCH_ALLOWED_NETWORKS, Type.LIST, "", MEDIUM,
                    "Address ranges (CIDR, e.g. 10.20.0.0/16, 127.0.0.1/32) claim checks may connect to although they are "
                            + "loopback, private, link-local or multicast; outside them such addresses are refused after DNS "
                            + "resolution (ADDRESS_NOT_ALLOWED).")
            .define(FETCH_MAX_REDIRECTS, Type.INT, 3, between(0, 10), LOW,
                    "Redirects an http(s) claim check follows (each target checked against the allow-list; never https to http).")
            .define(HTTP_BIND_ADDRESS, Type.STRING, "0.0.0.0", MEDIUM,
                    "Address the HTTP endpoint binds to: 0.0.0.0 (every interface, what probes and scrapers of a container "
                            + "need), 127.0.0.1 (this host only) or one interface's address.");
        DEF.define(BATCH_INFERENCE_PERMITS, Type.INT, 0, between(-1, 1024), HIGH,
                    "Inference batches running at once on this instance, shared by the workers of every enabled model "
                            + "(one thread budget, fair per batch); 0: one per group of OMP_NUM_THREADS cores on CPU, no "
                            + "limit on GPU; -1: no limit, each model's workers run whenever they have a batch (see "
                            + "docs/performance.md for the measurements behind this default).")
            .define(SUPERVISION_PAUSE_AFTER, Type.INT, 3, between(1, 1000), MEDIUM,
                    "Batches in a row in which every frame failed and so did a probe frame, after which a model is paused: "
                            + "its frames stay pending (never dead-lettered) and it is probed again with backoff.")
            .define(SUPERVISION_MAX_BACKOFF, Type.LONG, 30_000L, atLeast(100), LOW,
                    "Longest wait between restarts of a dead inference worker, and between probes of a paused model, in milliseconds.")
            .define(SUPERVISION_THREAD_REPLACEMENTS, Type.INT, 3, between(0, 1000), MEDIUM,
                    "Stream threads replaced after an uncaught exception within the window below; one more failure shuts "
                            + "the client down (exit code 1) instead of looping on a deterministic failure.")
            .define(SUPERVISION_REPLACEMENT_WINDOW, Type.LONG, 600_000L, atLeast(1), LOW,
                    "Window over which stream-thread replacements are counted, in milliseconds.")
            .define(SUPERVISION_BATCH_DEADLINE, Type.LONG, 60_000L, atLeast(1), MEDIUM,
                    "How long one batch may run in a model before the model counts as hung (no failure, no answer): "
                            + "its frames stay pending and are submitted again once it serves, vision.model.hung is 1 "
                            + "and readiness answers 503 until the batch returns. In milliseconds.")
            .define(DECODE_REDUCE, Type.STRING, "off", ValidString.in("off", "auto"), MEDIUM,
                    "auto: decode JPEGs at 1/2, 1/4 or 1/8 size (DCT scaling) while both sides stay at least twice the largest "
                            + "enabled model input; masks are still published at the size sent. off: decode at full size.");
    }

    // The frame flow (topology/FrameProcessor): the decode pool, the in-flight byte budget and the Tags output.
    public static final String DECODE_THREADS = "vision.decode.threads";
    public static final String BATCH_MAX_IN_FLIGHT_BYTES = "vision.batch.max-in-flight-bytes";
    public static final String TAGS_ENABLED = "vision.tags.enabled";
    public static final String TOPIC_TAGS = "vision.topics.tags";

    static {
        DEF.define(DECODE_THREADS, Type.INT, 0, between(0, 256), MEDIUM,
                    "Threads per instance that fetch claim checks and decode images, off the stream threads; 0: one per core.")
            .define(BATCH_MAX_IN_FLIGHT_BYTES, Type.LONG, 256L * 1024 * 1024, atLeast(1), MEDIUM,
                    "Bytes of decoded frames (width x height x 3) an instance may hold until every task has answered them; "
                            + "over it, further frames wait undecoded (coordinates and raw record only). Exceeded by at most one "
                            + "frame per decode thread; a frame larger than the whole budget still passes.")
            .define(TAGS_ENABLED, Type.BOOLEAN, true, MEDIUM,
                    "Publish one Tags record per decoded event (the labels worth acting on from every enabled task) to vision.topics.tags.")
            .define(TOPIC_TAGS, Type.STRING, "vision.tags", MEDIUM, "Output topic of Tags records.");
        for (TaskSpec<?, ?> spec : TaskSpecs.all()) {
            DEF.define(spec.task().tagsThresholdKey(), Type.DOUBLE, spec.tagsThresholdDefault(), between(0.0, 1.0),
                    MEDIUM, spec.tagsThresholdDoc());
        }
    }

    // Tracking (io.visionstreams.tracking, docs/tracking.md): tracks per source, zones, lines and object events.
    public static final String TRACKING_ENABLED = "vision.tracking.enabled";
    public static final String TRACKING_HIGH_SCORE = "vision.tracking.high-score";
    public static final String TRACKING_NEW_TRACK_SCORE = "vision.tracking.new-track-score";
    public static final String TRACKING_MATCH_COST = "vision.tracking.match-cost";
    public static final String TRACKING_MIN_HITS = "vision.tracking.min-hits";
    public static final String TRACKING_LOST_AFTER = "vision.tracking.lost-after-ms";
    public static final String ZONES_FILE = "vision.zones.file";
    public static final String ZONES_INERTIA = "vision.zones.inertia";
    public static final String TOPIC_OBJECT_EVENTS = "vision.topics.object-events";
    public static final String TOPIC_ZONES = "vision.topics.zones";

    static {
        DEF.define(TRACKING_ENABLED, Type.BOOLEAN, true, MEDIUM,
                    "Track the objects of each source's frames (when detection is enabled): track_id on Detections and Tags, "
                            + "object events on vision.topics.object-events.")
            .define(TRACKING_HIGH_SCORE, Type.DOUBLE, 0.5, between(0.0, 1.0), LOW,
                    "Detections at or above this score are associated first; those below (down to "
                            + "vision.detection.score-threshold) only keep tracks going (ByteTrack's track_thresh).")
            .define(TRACKING_NEW_TRACK_SCORE, Type.DOUBLE, 0.6, between(0.0, 1.0), LOW,
                    "Least score of a detection that starts a track.")
            .define(TRACKING_MATCH_COST, Type.DOUBLE, 0.8, between(0.01, 1.0), LOW,
                    "Most a track and a high-score detection may cost to be matched, 1 - IoU x score (ByteTrack's match_thresh).")
            .define(TRACKING_MIN_HITS, Type.INT, 2, between(1, 1000), MEDIUM,
                    "Frames in a row a new track must be seen on to be confirmed (event appeared, a track_id on its objects).")
            .define(TRACKING_LOST_AFTER, Type.LONG, 1_500L, atLeast(0), MEDIUM,
                    "A track unseen for longer than this, in milliseconds of captured_at time, ends (event left).")
            .define(ZONES_FILE, Type.STRING, "", MEDIUM,
                    "JSON file of zones and lines per source (\"*\": every source); empty: the VISION_ZONES_FILE environment "
                            + "variable, else none. Records of vision.topics.zones override it per source.")
            .define(ZONES_INERTIA, Type.INT, 2, between(1, 1000), MEDIUM,
                    "Frames in a row an object's anchor must stay on the new side of a zone edge or line for the change to count.")
            .define(TOPIC_OBJECT_EVENTS, Type.STRING, "vision.object-events", MEDIUM, "Output topic of ObjectEvent records.")
            .define(TOPIC_ZONES, Type.STRING, "vision.zones", MEDIUM,
                    "Compacted topic of Zones records (key: source_id or *), read as a global table: zones changed there apply "
                            + "from the next frame, without a restart.");
    }

    // The live view (ui/, docs/live-view.md) on the HTTP endpoint.
    public static final String UI_ENABLED = "vision.ui.enabled";
    public static final String UI_TOKEN = "vision.ui.token";

    static {
        DEF.define(UI_ENABLED, Type.STRING, "auto", ValidString.in("auto", "true", "false"), MEDIUM,
                    "The live view under /ui/ on the HTTP endpoint (vision.http.port): auto serves it where the endpoint binds a "
                            + "loopback address or vision.ui.token is set; true always (on another interface only with a token); false never.")
            .define(UI_TOKEN, Type.PASSWORD, null, MEDIUM,
                    "Token the live view requires on every request (?token= once, then a cookie; or Authorization: Bearer); "
                            + "at least 16 characters of A-Z a-z 0-9 . _ ~ -. Unset: no token (then auto serves loopback only).");
    }

    /**
     * Defaults this application sets for Kafka Streams keys (a user's value always wins). Record
     * sizes stay within Kafka's defaults (1 MiB) through {@link #OUTPUT_MAX_RECORD_BYTES}.
     */
    public static final List<String[]> STREAMS_DEFAULTS = List.of(
            new String[] {"application.id", "vision-streams"},
            new String[] {"bootstrap.servers", "localhost:9092"},
            new String[] {"processing.guarantee", "exactly_once_v2"},
            new String[] {"poll.ms", "10"},
            // Streams keeps members in the group after close (until session.timeout.ms, 45 s): a clean stop leaves it,
            // so a restarted instance or a finished replay hands its partitions over at once
            new String[] {"main.consumer.internal.leave.group.on.close", "true"});

    private VisionConfigDef() {}
}
