package io.visionstreams.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.bench.InstanceProcess;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.embedded.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two {@code run} instances in their own JVMs on an embedded broker; one is stopped with SIGTERM as an
 * operator (or Kubernetes) stops it: it exits 0, logs start, RUNNING and stop, and leaves the consumer
 * group on the way out, so the other gets its partitions without waiting out the 45 s session timeout.
 */
class CleanStopTest {

    private static final Logger log = LoggerFactory.getLogger(CleanStopTest.class);
    private static final String APP_ID = "vision-clean-stop";

    @TempDir
    Path work;

    @Test
    void sigtermStopsInOrderExitsZeroAndLeavesTheGroupSoANewMemberGetsThePartitionsAtOnce() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            VisionConfig config = VisionConfig.from(Map.of("vision.tasks", "classification"));
            kafka.createTopics(List.of(config.topics().imageEvents()), 4);
            kafka.createTopics(config.topics().all(), 1);
            // given two running instances sharing the input's four partitions
            Path firstLog = work.resolve("first.log");
            Path secondLog = work.resolve("second.log");
            try (InstanceProcess first = InstanceProcess.start(config(kafka, "first"), firstLog, Map.of());
                 InstanceProcess second = InstanceProcess.start(config(kafka, "second"), secondLog, Map.of())) {
                awaitLog(firstLog, "Kafka Streams RUNNING");
                awaitLog(secondLog, "Kafka Streams RUNNING");
                awaitAssignment(kafka, 2, Duration.ofSeconds(120));
                // when the first gets SIGTERM
                long stopped = System.nanoTime();
                int exit = first.terminate(Duration.ofSeconds(60));
                // then it stops in order and exits 0
                String text = Files.readString(firstLog);
                assertThat(exit).as("exit status; log:\n" + text).isZero();
                assertThat(text).contains("starting: application.id " + APP_ID, "Kafka Streams RUNNING",
                        "received SIGTERM: stopping", "stopped (Kafka Streams closed: true, inference workers ended: true)");
                // and it left the group: the other member gets all four partitions without waiting out the 45 s
                // session timeout of the member that stopped
                awaitAssignment(kafka, 1, Duration.ofSeconds(30));
                log.info("the remaining member owned all 4 partitions {} ms after SIGTERM",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
            }
        }
    }

    /** Waits until the group has {@code members} members holding the 4 input partitions between them. */
    private static void awaitAssignment(EmbeddedKafka kafka, int members, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConsumerGroupDescription group;
        do {
            group = describe(kafka);
            long inputPartitions = group.members().stream().flatMap(m -> m.assignment().topicPartitions().stream())
                    .filter(tp -> tp.topic().equals("vision.image-events")).count();
            if (group.members().size() == members && inputPartitions == 4) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + members + " member(s) holding the 4 input partitions within "
                + timeout.toSeconds() + " s: " + group);
    }

    private Path config(EmbeddedKafka kafka, String instance) throws Exception {
        Path file = work.resolve(instance + ".properties");
        Files.writeString(file, String.join("\n", "bootstrap.servers=" + kafka.bootstrapServers(),
                "application.id=" + APP_ID, "vision.tasks=classification",
                "state.dir=" + work.resolve("state-" + instance).toString().replace("\\", "\\\\"), ""));
        return file;
    }

    private static void awaitLog(Path logFile, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(logFile) && Files.readString(logFile).contains(line)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + line + "' in " + logFile + " within 120 s:\n" + Files.readString(logFile));
    }

    private static ConsumerGroupDescription describe(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(APP_ID)).describedGroups().get(APP_ID).get(30, TimeUnit.SECONDS);
        }
    }
}
