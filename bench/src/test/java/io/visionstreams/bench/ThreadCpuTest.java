package io.visionstreams.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ThreadCpu}: threads grouped by their real names, and the per-frame overhead and total it reports. */
class ThreadCpuTest {

    @Test
    void aStreamThreadsProducerAndConsumerThreadsCountAsKafkaClientsNotAsTheStreamThread() {
        // names as Kafka 3.x gives them to a Streams application's threads
        assertThat(ThreadCpu.group("vision-app-0c1f-StreamThread-1")).isEqualTo("stream_thread");
        assertThat(ThreadCpu.group("kafka-producer-network-thread | vision-app-0c1f-StreamThread-1-producer"))
                .isEqualTo("kafka_clients");
        assertThat(ThreadCpu.group("kafka-coordinator-heartbeat-thread | vision-app")).isEqualTo("kafka_clients");
        assertThat(ThreadCpu.group("batcher-classification-0")).isEqualTo("inference");
        assertThat(ThreadCpu.group("frame-decode-1")).isEqualTo("decode");
    }

    @Test
    void reportsTheOverheadAsTheSumOfItsGroupsAndTheProcessTotalAtLeastTheJavaThreads() throws Exception {
        // given real CPU spent on this thread between two snapshots
        ThreadCpu start = ThreadCpu.now();
        long sum = 0;
        for (int i = 0; i < 20_000_000; i++) {
            sum += i % 7;
        }
        ThreadCpu end = ThreadCpu.now();

        // when
        Map<String, Double> perFrame = end.perFrameSince(start, 2);

        // then
        assertThat(sum).isPositive();
        assertThat(perFrame.get("overhead")).isEqualTo(ThreadCpu.OVERHEAD.stream().mapToDouble(perFrame::get).sum());
        double groups = java.util.Arrays.stream(ThreadCpu.GROUPS).mapToDouble(perFrame::get).sum();
        assertThat(perFrame.get("bench_reader")).isPositive();
        assertThat(perFrame.get("total")).isGreaterThanOrEqualTo(groups * 0.99);
    }
}
