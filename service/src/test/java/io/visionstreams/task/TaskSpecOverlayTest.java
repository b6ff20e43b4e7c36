package io.visionstreams.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.BoundingBox;
import io.visionstreams.avro.ClassFraction;
import io.visionstreams.avro.ClassScore;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.Timing;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.segmentation.LabelMap;
import io.visionstreams.inference.segmentation.LabelMapPng;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskSpecOverlayTest {

    private static final ModelRef MODEL = new ModelRef("m", "v", "MXNet", "cpu()");
    private static final Timing TIMING = new Timing(0.0, 0.0, 1);

    @Test
    void detectionsDrawEachBoxInTheirOrderTaggedWithLabelAndScore() {
        // given
        Detections d = Detections.newBuilder().setEventId("e").setSourceId("s").setCapturedAt(Instant.EPOCH)
                .setModel(MODEL).setImageWidth(640).setImageHeight(480).setTiming(TIMING)
                .setObjects(List.of(new DetectedObject(17, "cat", 0.912f, new BoundingBox(-0.1f, 0.2f, 0.5f, 1.2f), null),
                        new DetectedObject(51, "bowl", 0.5f, new BoundingBox(0.1f, 0.1f, 0.3f, 0.3f), null)))
                .build();
        // when
        Overlay overlay = TaskSpecs.of(VisionTask.DETECTION).overlayOf(d).orElseThrow();
        // then: the model's coordinates as they are, the class picking the colour
        assertThat(overlay.mask()).isEmpty();
        assertThat(overlay.boxes()).containsExactly(new Overlay.Box(-0.1f, 0.2f, 0.5f, 1.2f, 17, "cat 0.91"),
                new Overlay.Box(0.1f, 0.1f, 0.3f, 0.3f, 51, "bowl 0.50"));
        assertThat(TaskSpecs.of(VisionTask.DETECTION).frameSizeOf(d)).contains(new TaskSpec.FrameSize(640, 480));
    }

    @Test
    void segmentationDrawsItsMaskWithALegendOfTheClassesFoundButBackgroundAndVoid() {
        // given: a 4x2 map of background, cat and the void label
        byte[] labels = {0, 0, 8, 8, 8, 8, (byte) 255, 0};
        Segmentation s = Segmentation.newBuilder().setEventId("e").setSourceId("s").setCapturedAt(Instant.EPOCH)
                .setModel(MODEL).setMaskWidth(4).setMaskHeight(2).setTiming(TIMING)
                .setMaskPng(ByteBuffer.wrap(LabelMapPng.encode(new LabelMap(4, 2, labels))))
                .setClasses(List.of(new ClassFraction(8, "cat", 0.5f), new ClassFraction(0, "background", 0.375f),
                        new ClassFraction(255, "void", 0.125f), new ClassFraction(15, "person", 0.004f)))
                .build();
        // when
        Overlay overlay = TaskSpecs.of(VisionTask.SEGMENTATION).overlayOf(s).orElseThrow();
        // then
        assertThat(overlay.boxes()).isEmpty();
        assertThat(overlay.mask().orElseThrow().labels().labels()).containsExactly(labels);
        assertThat(overlay.mask().orElseThrow().legend()).containsExactly(new Overlay.LegendEntry(8, "cat 50%"),
                new Overlay.LegendEntry(15, "person <1%"));
        assertThat(TaskSpecs.of(VisionTask.SEGMENTATION).frameSizeOf(s)).contains(new TaskSpec.FrameSize(4, 2));
    }

    @Test
    void classificationDrawsNothingAndSaysNoFrameSize() {
        // given
        Classification c = Classification.newBuilder().setEventId("e").setSourceId("s").setCapturedAt(Instant.EPOCH)
                .setModel(MODEL).setTopK(List.of(new ClassScore(281, "tabby, tabby cat", 0.9f))).setTiming(TIMING)
                .build();
        // when/then: its label is in the caption, not on the picture
        assertThat(TaskSpecs.of(VisionTask.CLASSIFICATION).overlayOf(c)).isEmpty();
        assertThat(TaskSpecs.of(VisionTask.CLASSIFICATION).frameSizeOf(c)).isEmpty();
    }
}
