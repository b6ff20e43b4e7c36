package io.visionstreams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.inference.VisionTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisionConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsEnableEveryTaskWithExactlyOnce() {
        VisionConfig config = VisionConfig.from(Map.of());
        assertThat(config.tasks()).containsExactlyInAnyOrder(VisionTask.values());
        assertThat(config.topics().imageEvents()).isEqualTo("vision.image-events");
        assertThat(config.batching().maxSize()).isEqualTo(8);
        assertThat(config.batching().maxQueueDelay()).isEqualTo(Duration.ofMillis(10));
        assertThat(config.streams().getProperty("processing.guarantee")).isEqualTo("exactly_once_v2");
    }

    @Test
    void environmentOverridesTheFileAndOptionsOverrideTheEnvironment() throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "vision.tasks=classification,detection\nvision.batch.max-size=4\nbootstrap.servers=file:9092\n");
        VisionConfig config = ConfigLoader.load(file,
                Map.of("VISION_BATCH_MAX_SIZE", "16", "VISION_KAFKA_BOOTSTRAP_SERVERS", "env:9092", "VISION_KAFKA_NUM_STREAM_THREADS", "2"),
                Map.of("vision.tasks", "classification"));
        assertThat(config.tasks()).containsExactly(VisionTask.CLASSIFICATION);
        assertThat(config.batching().maxSize()).isEqualTo(16);
        assertThat(config.streams().getProperty("bootstrap.servers")).isEqualTo("env:9092");
        assertThat(config.streams().getProperty("num.stream.threads")).isEqualTo("2");
    }

    @Test
    void aWrongValueFailsNamingItsKey() {
        assertThatThrownBy(() -> VisionConfig.from(Map.of("vision.tasks", "classification,ocr")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("vision.tasks");
        assertThatThrownBy(() -> VisionConfig.from(Map.of("vision.batch.max-size", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("vision.batch.max-size");
        assertThatThrownBy(() -> VisionConfig.from(Map.of("vision.batch.max-size", "64", "vision.batch.max-in-flight", "8")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("vision.batch.max-in-flight");
        assertThatThrownBy(() -> VisionConfig.from(Map.of("vision.device", "tpu")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("vision.device");
    }

    @Test
    void anUnknownVisionKeyIsRejectedButKafkaKeysPassThrough() {
        assertThatThrownBy(() -> VisionConfig.from(Map.of("vision.batch.size", "8")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("vision.batch.size");
        VisionConfig config = VisionConfig.from(Map.of("commit.interval.ms", "50"));
        assertThat(config.streams().getProperty("commit.interval.ms")).isEqualTo("50");
    }

    @Test
    void everyKeyHasAnEnvironmentName() {
        assertThat(ConfigLoader.envName("vision.batch.max-queue-delay-ms")).isEqualTo("VISION_BATCH_MAX_QUEUE_DELAY_MS");
        assertThat(ConfigLoader.fromEnvironment(Map.of("VISION_MODELS_DIR", "/m"))).containsEntry("vision.models.dir", "/m");
    }
}
