package io.visionstreams.inference.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.ingest.OpenCv;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class LabelMapPngTest {

    @Test
    void encodesAnEightBitGreyscalePngThatDecodesToTheSameLabels() {
        // given: a 3x2 map using class 0, VOC classes and the 255 "ignore" value
        byte[] labels = {0, 15, 20, 1, (byte) 255, 12};
        SegmentationResult result = new SegmentationResult(3, 2, labels, List.of());

        // when
        byte[] png = LabelMapPng.encode(result);
        LabelMap decoded = LabelMapPng.decode(png);

        // then: IHDR says 3x2, bit depth 8, colour type 0 (greyscale)
        ByteBuffer ihdr = ByteBuffer.wrap(png, 16, 10);
        assertThat(ihdr.getInt()).isEqualTo(3);
        assertThat(ihdr.getInt()).isEqualTo(2);
        assertThat(ihdr.get()).isEqualTo((byte) 8);
        assertThat(ihdr.get()).isEqualTo((byte) 0);
        assertThat(decoded.width()).isEqualTo(3);
        assertThat(decoded.height()).isEqualTo(2);
        assertThat(decoded.labels()).containsExactly(labels);
        assertThat(decoded.classAt(1, 1)).isEqualTo(255);
    }

    @Test
    void refusesAColourPngAsALabelMap() {
        OpenCv.load();
        MatOfByte png = new MatOfByte();
        Imgcodecs.imencode(".png", new Mat(2, 2, CvType.CV_8UC3, new Scalar(1, 2, 3)), png);

        assertThatThrownBy(() -> LabelMapPng.decode(png.toArray())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8-bit greyscale");
        assertThatThrownBy(() -> LabelMapPng.decode(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
    }
}
