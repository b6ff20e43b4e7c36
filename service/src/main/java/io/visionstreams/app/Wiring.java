package io.visionstreams.app;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.inference.ModelCatalog;
import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.config.VisionConfigDef;
import io.visionstreams.ingest.FetchPolicy;
import io.visionstreams.ingest.FrameLoader;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.ImageFetcher;
import io.visionstreams.avro.DeadLetter;
import io.visionstreams.avro.ObjectEvent;
import io.visionstreams.avro.Tags;
import io.visionstreams.registry.SubjectStrategy;
import io.visionstreams.registry.Wire;
import io.visionstreams.results.AvroSerde;
import io.visionstreams.results.SchemaDirectory;
import io.visionstreams.results.Serdes;
import io.visionstreams.results.WireFormat;
import io.visionstreams.task.TaskSpec;
import io.visionstreams.task.TaskSpecs;
import io.visionstreams.topology.TrackingConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.common.config.ConfigException;

/** Builds the configured ingest parts shared by every task and thread of an instance. */
public final class Wiring {

    private static final Logger log = LoggerFactory.getLogger(Wiring.class);

    private Wiring() {}

    public static FrameLoader frameLoader(VisionConfig config) {
        VisionConfig.Decoding d = config.decoding();
        return new FrameLoader(fetcher(config), new ImageDecoder(d.maxBytes(), d.maxPixels(),
                d.reduce() ? largestInput(config) : 0),
                imageEvents(config));
    }

    /** The claim-check fetcher under {@code vision.fetch.*}: the stream's, and the live view's for the frames it shows. */
    public static ImageFetcher fetcher(VisionConfig config) {
        VisionConfig.Fetching f = config.fetching();
        FetchPolicy policy = FetchPolicy.defaults().withAllowedSchemes(Set.copyOf(f.schemes())).withMaxBytes(f.maxBytes())
                .withTimeout(f.timeout()).withFileRoot(f.fileRoot()).withAllowedHosts(f.allowedHosts())
                .withAllowedNetworks(f.allowedNetworks()).withMaxRedirects(f.maxRedirects());
        return new ImageFetcher(policy);
    }

    /**
     * The ImageEvent serde: this build's and the released schemas, plus those in {@code vision.schemas.dir};
     * registry-framed events through {@code schema.registry.url} when set.
     */
    public static AvroSerde<ImageEvent> imageEvents(VisionConfig config) {
        return wire(config).serde(singleObjectImageEvents(config));
    }

    private static AvroSerde<ImageEvent> singleObjectImageEvents(VisionConfig config) {
        if (config.schemasDir() == null) {
            return Serdes.IMAGE_EVENT;
        }
        try {
            return Serdes.imageEvent(new SchemaDirectory(config.schemasDir()));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(VisionConfigDef.SCHEMAS_DIR, config.schemasDir().toString(),
                    "cannot read the writer schemas there: " + e.getMessage());
        }
    }

    /**
     * The instance's wire ({@code vision.serde.format} and the registry settings among the Kafka ones); the
     * dead-letter topic's subject is always named by TopicRecordNameStrategy.
     */
    public static Wire wire(VisionConfig config) {
        try {
            return Wire.of(WireFormat.fromConfigName((String) config.setting(VisionConfigDef.SERDE_FORMAT)),
                    config.streamsProperties(), Map.of(config.topics().deadLetters(), SubjectStrategy.TOPIC_RECORD_NAME));
        } catch (RuntimeException e) {
            throw new ConfigException(VisionConfigDef.SERDE_FORMAT, config.setting(VisionConfigDef.SERDE_FORMAT),
                    e.getMessage());
        }
    }

    /**
     * What the sinks write values with: single-object bytes unchanged, or (registry format) re-framed with the
     * schema id of each output topic's schema, every one resolved now so that a schema the registry refuses,
     * or a registry that does not answer, stops the start with a message naming the subject.
     */
    public static Serializer<byte[]> outputValues(VisionConfig config) {
        Wire wire = wire(config);
        if (wire.format() != WireFormat.REGISTRY) {
            return wire.values();
        }
        Map<String, Schema> outputs = new LinkedHashMap<>();
        for (TaskSpec<?, ?> spec : TaskSpecs.of(config.tasks())) {
            outputs.put(config.topics().resultsFor(spec.task()), SpecificData.get().getSchema(spec.recordType()));
        }
        if (config.flow().tagsEnabled()) {
            outputs.put(config.topics().tags(), Tags.SCHEMA$);
        }
        TrackingConfig tracking = TrackingConfig.of(config);
        if (tracking.active()) {
            outputs.put(tracking.objectEventsTopic(), ObjectEvent.SCHEMA$);
        }
        outputs.put(config.topics().deadLetters(), DeadLetter.SCHEMA$);
        outputs.forEach((topic, schema) -> {
            try {
                int id = wire.prepare(topic, schema);
                log.info("{} values: schema id {} (subject {})", topic, id, wire.subject(topic, schema));
            } catch (IOException e) {
                throw new ConfigException(VisionConfigDef.SERDE_FORMAT, "registry", "cannot use subject "
                        + wire.subject(topic, schema) + " for " + schema.getFullName() + " on " + topic + ": "
                        + e.getMessage());
            }
        });
        return wire.values();
    }

    /** The largest square input side of the enabled models (from the catalog), the floor of reduced decoding. */
    static int largestInput(VisionConfig config) {
        int largest = 0;
        for (VisionTask task : config.tasks()) {
            try {
                largest = Math.max(largest, ModelCatalog.get(config.models().names().get(task)).inputSize());
            } catch (ModelLoadException unknown) {
                return 0; // not a catalog model: its input size is unknown, so decode at full size
            }
        }
        return largest;
    }
}
