package io.visionstreams.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-source frame order, ring, resume and image bound, without Kafka or HTTP. */
class SourceFeedTest {

    private static final long WAIT = 3_000_000_000L;
    private static final Set<String> TASKS = Set.of("detection");
    private final SourceFeed feed = new SourceFeed("cam-1");

    private void frame(int n, long nanos) {
        feed.input("cam-1/" + n, 0, 100 + n, 1_000L * n, new byte[] {(byte) n}, null, nanos, 0);
    }

    private void tags(int n) {
        feed.tags("cam-1/" + n, JsonNodeFactory.instance.objectNode().put("event_id", "cam-1/" + n), 0);
    }

    private List<String> ids(List<SourceFeed.Emitted> frames) {
        return frames.stream().map(e -> e.id).toList();
    }

    @Test
    void framesWaitForTheirAnswersAndGoOutInInputOrder() {
        // given two frames whose answers arrive in the other order
        frame(1, 0);
        frame(2, 0);
        tags(2);
        // when / then: the second waits behind the first
        assertThat(feed.drain(1, 0, WAIT, TASKS, true)).isZero();
        tags(1);
        assertThat(feed.drain(2, 0, WAIT, TASKS, true)).isEqualTo(2);
        List<SourceFeed.Emitted> sent = feed.framesAfter(0);
        assertThat(ids(sent)).containsExactly("0:101", "0:102");
        assertThat(sent).extracting(e -> e.seq).containsExactly(1L, 2L);
    }

    @Test
    void tagsReadBeforeTheResultsTheyNameWaitForThem() {
        // given Tags naming detection and segmentation, read before either result (other topics)
        frame(1, 0);
        ObjectNode tags = JsonNodeFactory.instance.objectNode();
        tags.putArray("tasks").add("detection").add("segmentation");
        tags.putArray("dead_lettered");
        feed.tags("cam-1/1", tags, 0);
        feed.answer("cam-1/1", "detection", JsonNodeFactory.instance.objectNode(), 0);
        // when / then: it waits for the segmentation too
        assertThat(feed.drain(1, 0, WAIT, Set.of("detection", "segmentation"), true)).isZero();
        feed.answer("cam-1/1", "segmentation", JsonNodeFactory.instance.objectNode(), 0);
        assertThat(feed.drain(2, 0, WAIT, Set.of("detection", "segmentation"), true)).isEqualTo(1);
        assertThat(feed.framesAfter(0).get(0).json).contains("\"segmentation\":{}");
    }

    @Test
    void aFrameCompletesOnItsTagsRecordAndTheResultsItNames() {
        // given the Tags record of a frame whose detection is in, as the reader turns it into JSON
        frame(1, 0);
        io.visionstreams.avro.Tags tags = io.visionstreams.avro.Tags.newBuilder().setEventId("cam-1/1").setSourceId("cam-1")
                .setCapturedAt(java.time.Instant.EPOCH).setLabels(List.of()).setTasks(List.of("detection"))
                .setDeadLettered(List.of()).setModels(List.of()).build();
        feed.answer("cam-1/1", "detection", JsonNodeFactory.instance.objectNode(), 0);
        feed.tags("cam-1/1", AvroJson.of(tags), 0);
        // when / then
        assertThat(feed.drain(1, 0, WAIT, TASKS, true)).isEqualTo(1);
    }

    @Test
    void aFrameWithoutTagsWaitsItsTasksResultsOrAtMostMaxWait() {
        frame(1, 0);
        frame(2, 0);
        feed.answer("cam-1/1", "detection", JsonNodeFactory.instance.objectNode(), 0);
        // without Tags expected, a frame with every task's result goes at once
        assertThat(feed.drain(1, 0, WAIT, TASKS, false)).isEqualTo(1);
        // the other goes, with what it has, once it waited maxWait
        assertThat(feed.drain(WAIT - 1, 0, WAIT, TASKS, false)).isZero();
        assertThat(feed.drain(WAIT, 0, WAIT, TASKS, false)).isEqualTo(1);
        assertThat(feed.framesAfter(1).get(0).json).contains("\"event_id\":\"cam-1/2\"").contains("\"results\":{}");
    }

    @Test
    void framesOfAPipelineThatIsOnlyBehindKeepWaitingWhileAStalledOneLetsThemGo() {
        // given a frame without answers, and answers of this source's earlier frames still coming
        frame(1, 0);
        feed.answer("cam-1/0", "detection", JsonNodeFactory.instance.objectNode(), WAIT - 10);
        // when / then: past maxWait since its arrival, but not since the last answer: it waits
        assertThat(feed.drain(WAIT, 0, WAIT, TASKS, true)).isZero();
        // no answer for maxWait: the pipeline stalled, the frame goes as it is
        assertThat(feed.drain(2 * WAIT - 10, 0, WAIT, TASKS, true)).isEqualTo(1);
    }

    @Test
    void aReconnectResumesAfterItsLastEventIdWhileTheRingHoldsIt() {
        for (int n = 0; n < 5; n++) {
            frame(n, 0);
            tags(n);
        }
        feed.drain(0, 0, WAIT, TASKS, true);
        assertThat(ids(feed.framesAfter(feed.resumeAfter("0:102")))).containsExactly("0:103", "0:104");
        // a fresh stream starts with the newest frame
        assertThat(ids(feed.framesAfter(feed.resumeAfter(null)))).containsExactly("0:104");
    }

    @Test
    void aClientBehindTheRingSkipsToItsOldestFrameAndOnlyTheNewestImagesAreKept() {
        int total = SourceFeed.RING + 6;
        for (int n = 0; n < total; n++) {
            frame(n, 0);
            tags(n);
        }
        feed.drain(0, 0, WAIT, TASKS, true);
        List<SourceFeed.Emitted> after = feed.framesAfter(feed.resumeAfter("0:100"));
        assertThat(after).hasSize(SourceFeed.RING);
        assertThat(after.get(0).id).isEqualTo("0:" + (100 + total - SourceFeed.RING));
        assertThat(after.stream().filter(e -> e.image != null).count()).isEqualTo(SourceFeed.IMAGES_KEPT);
        assertThat(after.get(after.size() - 1).image).containsExactly((byte) (total - 1));
    }

    @Test
    void aDeadLetterForTheWholeEventCompletesItsFrameAndJoinsTheTimeline() {
        frame(1, 0);
        ObjectNode dl = JsonNodeFactory.instance.objectNode().put("reason", "CORRUPT_IMAGE");
        feed.deadLetter("cam-1/1", dl, 0, 0);
        assertThat(feed.drain(1, 0, WAIT, TASKS, true)).isEqualTo(1);
        assertThat(feed.framesAfter(0).get(0).json).contains("\"dead\":true");
        assertThat(feed.momentsAfter(0)).singleElement().satisfies(m -> assertThat(m.json().get("reason").asText())
                .isEqualTo("CORRUPT_IMAGE"));
    }
}
