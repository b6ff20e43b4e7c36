package io.visionstreams.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.avro.BoundingBox;
import io.visionstreams.avro.DetectedObject;
import io.visionstreams.avro.Detections;
import io.visionstreams.avro.ModelRef;
import io.visionstreams.avro.Timing;
import io.visionstreams.ingest.ImageDecoder;
import io.visionstreams.ingest.RgbImage;
import io.visionstreams.testing.SampleImages;
import java.awt.image.BufferedImage;
import java.time.Instant;
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

    private static BoundingBox box(float xMin, float yMin, float xMax, float yMax) {
        return new BoundingBox(xMin, yMin, xMax, yMax);
    }

    private static Detections detections(BoundingBox box) {
        return Detections.newBuilder().setEventId("e").setSourceId("s").setCapturedAt(Instant.EPOCH)
                .setModel(new ModelRef("m", "v", "e", "cpu()")).setImageWidth(0).setImageHeight(0)
                .setObjects(List.of(new DetectedObject(17, "cat", 0.9f, box))).setTiming(new Timing(0.0, 0.0, 1))
                .build();
    }

    private static int rgb(RgbImage image, int x, int y) {
        return image.get(x, y, 0) << 16 | image.get(x, y, 1) << 8 | image.get(x, y, 2);
    }
}
