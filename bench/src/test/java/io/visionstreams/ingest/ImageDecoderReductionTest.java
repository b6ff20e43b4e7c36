package io.visionstreams.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.bench.CameraFrames;
import io.visionstreams.inference.Inferer;
import io.visionstreams.inference.VisionModel;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.segmentation.SegmentationResult;
import io.visionstreams.testing.SampleImages;
import io.visionstreams.testing.SharedModels;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** JPEGs decoded at reduced resolution (vision.decode.reduce=auto) down to twice the largest model input, never below it. */
class ImageDecoderReductionTest {

    private static RgbImage cat;

    @BeforeAll
    static void decodeSample() throws Exception {
        cat = new ImageDecoder().decode(SampleImages.bytes("cat.bmp"));
    }

    @Test
    void decodesAFullHdJpegAtTheLargestScaleThatKeepsBothSidesAtLeastTwiceTheModelInput() throws Exception {
        // given a 1920x1080 camera frame (JPEG, quality 90)
        byte[] frame = CameraFrames.jpeg(ImageResize.bilinear(cat, 1920, 1080), 90);
        // when decoded for a 224-pixel model, for a 513-pixel model, and at full size
        RgbImage forClassifier = new ImageDecoder(ImageDecoder.DEFAULT_MAX_BYTES, ImageDecoder.DEFAULT_MAX_PIXELS, 224).decode(frame);
        RgbImage forDetector = new ImageDecoder(ImageDecoder.DEFAULT_MAX_BYTES, ImageDecoder.DEFAULT_MAX_PIXELS, 270).decode(frame);
        RgbImage forDeepLab = new ImageDecoder(ImageDecoder.DEFAULT_MAX_BYTES, ImageDecoder.DEFAULT_MAX_PIXELS, 513).decode(frame);
        RgbImage full = new ImageDecoder().decode(frame);
        // then 1/2 (540 >= 2 x 224; 1/4's 270 would not be), 1/2 (540 = 2 x 270 exactly), full (540 < 2 x 513)
        assertThat(List.of(forClassifier.width(), forClassifier.height())).containsExactly(960, 540);
        assertThat(List.of(forDetector.width(), forDetector.height())).containsExactly(960, 540);
        assertThat(List.of(forDeepLab.width(), forDeepLab.height())).containsExactly(1920, 1080);
        for (RgbImage image : List.of(forClassifier, forDetector, forDeepLab, full)) {
            assertThat(List.of(image.originalWidth(), image.originalHeight())).containsExactly(1920, 1080);
        }
        assertThat(List.of(full.width(), full.height())).containsExactly(1920, 1080);
    }

    @Test
    void decodesAtFullSizeWhenHalfWouldFallBelowTheModelInputAndNeverReducesOtherFormats() throws Exception {
        ImageDecoder forClassifier = new ImageDecoder(ImageDecoder.DEFAULT_MAX_BYTES, ImageDecoder.DEFAULT_MAX_PIXELS, 224);
        // given a 640x480 JPEG (half: 240 < 2 x 224), and a 513x513 PNG (half as a JPEG: 257 >= 224)
        RgbImage vga = forClassifier.decode(CameraFrames.jpeg(ImageResize.bilinear(cat, 640, 480), 90));
        RgbImage png = forClassifier.decode(SampleImages.bytes("0_image.png"));
        RgbImage pngFull = new ImageDecoder().decode(SampleImages.bytes("0_image.png"));
        // then both are decoded at their own size
        assertThat(List.of(vga.width(), vga.height(), vga.originalWidth(), vga.originalHeight()))
                .containsExactly(640, 480, 640, 480);
        assertThat(List.of(png.width(), png.height(), png.originalWidth())).containsExactly(513, 513, 513);
        assertThat(png.pixels()).isEqualTo(pngFull.pixels());
    }

    @Test
    void publishesTheSegmentationMaskAtTheSizeSentNotTheReducedSize() throws Exception {
        // given a 1920x1080 frame decoded at half size (as for a 270-pixel model)
        RgbImage reduced = new ImageDecoder(ImageDecoder.DEFAULT_MAX_BYTES, ImageDecoder.DEFAULT_MAX_PIXELS, 270)
                .decode(CameraFrames.jpeg(ImageResize.bilinear(cat, 1920, 1080), 90));
        assertThat(reduced.width()).isEqualTo(960);
        @SuppressWarnings("unchecked")
        VisionModel<SegmentationResult> deepLab = (VisionModel<SegmentationResult>) SharedModels.get(VisionTask.SEGMENTATION);
        // when it is segmented
        SegmentationResult result;
        try (Inferer<SegmentationResult> inferer = deepLab.newInferer()) {
            result = inferer.infer(List.of(reduced)).get(0);
        }
        // then the mask has the original 1920x1080 size
        assertThat(List.of(result.width(), result.height())).containsExactly(1920, 1080);
    }
}
