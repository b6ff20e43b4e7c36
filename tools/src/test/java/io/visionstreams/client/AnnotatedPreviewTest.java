package io.visionstreams.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.BoundingBox;
import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.Timing;
import io.visionstreams.inference.segmentation.LabelMap;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.task.Overlay;
import io.visionstreams.testing.SampleImages;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnotatedPreviewTest {

    @Test
    void boxReachingPastTheImageIsDrawnAlongItsEdges() throws Exception {
        // given: a box as the model may give it, wider than the image on both sides
        RgbImage cat = new ImageDecoder().decode(SampleImages.bytes("cat.bmp"));
        Detections detections = detections(box(-0.2f, 0.3f, 1.3f, 0.9f));
        // when
        BufferedImage preview = AnnotatedPreview.draw(cat, List.of(detections));
        // then: its left and right sides lie on the first and last columns
        int y = cat.height() * 6 / 10;
        assertThat(preview.getWidth()).isEqualTo(cat.width());
        assertThat(preview.getHeight()).isEqualTo(cat.height());
        assertThat(preview.getRGB(0, y) & 0xFFFFFF).isNotEqualTo(rgb(cat, 0, y));
        assertThat(preview.getRGB(cat.width() - 1, y) & 0xFFFFFF).isNotEqualTo(rgb(cat, cat.width() - 1, y));
        assertThat(preview.getRGB(cat.width() / 2, y) & 0xFFFFFF).isEqualTo(rgb(cat, cat.width() / 2, y));
    }

    @Test
    void boxEntirelyOutsideTheImageLeavesItAsDecoded() throws Exception {
        // given
        RgbImage cat = new ImageDecoder().decode(SampleImages.bytes("cat.bmp"));
        // when
        BufferedImage preview = AnnotatedPreview.draw(cat, List.of(detections(box(1.1f, 0.2f, 1.4f, 0.6f))));
        // then
        for (int y = 0; y < cat.height(); y++) {
            for (int x = 0; x < cat.width(); x++) {
                assertThat(preview.getRGB(x, y) & 0xFFFFFF).isEqualTo(rgb(cat, x, y));
            }
        }
    }

    @Test
    void boxesAreDrawnOverMasksWhicheverResultComesFirst() {
        // given: a grey frame, a mask of one class over all of it, and a box whose left side covers column 40
        byte[] grey = new byte[3 * 160 * 160];
        Arrays.fill(grey, (byte) 0x70);
        RgbImage frame = new RgbImage(160, 160, grey);
        byte[] person = new byte[160 * 160];
        Arrays.fill(person, (byte) 15);
        Overlay mask = Overlay.ofMask(new Overlay.Mask(new LabelMap(160, 160, person), List.of()));
        Overlay boxes = Overlay.ofBoxes(List.of(new Overlay.Box(0.25f, 0.25f, 0.75f, 0.75f, 0, "x 0.90")));
        // when: drawn with the boxes' result first, and with the mask's first
        BufferedImage boxesFirst = AnnotatedPreview.drawOverlays(frame, List.of(boxes, mask));
        BufferedImage maskFirst = AnnotatedPreview.drawOverlays(frame, List.of(mask, boxes));
        // then: the box's side is its opaque colour (Tableau blue) on top of the mask, which tints the rest
        for (BufferedImage preview : List.of(boxesFirst, maskFirst)) {
            assertThat(preview.getRGB(40, 80) & 0xFFFFFF).isEqualTo(0x4E79A7);
            assertThat(preview.getRGB(80, 80) & 0xFFFFFF).isNotEqualTo(0x707070);
            assertThat(preview.getRGB(20, 150) & 0xFFFFFF).isEqualTo(preview.getRGB(80, 80) & 0xFFFFFF);
        }
        for (int y = 0; y < 160; y++) {
            for (int x = 0; x < 160; x++) {
                assertThat(maskFirst.getRGB(x, y)).isEqualTo(boxesFirst.getRGB(x, y));
            }
        }
    }

    private static BoundingBox box(float xMin, float yMin, float xMax, float yMax) {
        return new BoundingBox(xMin, yMin, xMax, yMax);
    }

    private static Detections detections(BoundingBox box) {
        return Detections.newBuilder().setEventId("e").setSourceId("s").setCapturedAt(Instant.EPOCH)
                .setModel(new ModelRef("m", "v", "e", "cpu()")).setImageWidth(0).setImageHeight(0)
                .setObjects(List.of(new DetectedObject(17, "cat", 0.9f, box, null))).setTiming(new Timing(0.0, 0.0, 1))
                .build();
    }

    private static int rgb(RgbImage image, int x, int y) {
        return image.get(x, y, 0) << 16 | image.get(x, y, 1) << 8 | image.get(x, y, 2);
    }
}
