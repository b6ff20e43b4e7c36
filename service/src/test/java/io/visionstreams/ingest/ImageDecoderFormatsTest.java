package io.visionstreams.ingest;

import static io.visionstreams.ingest.TestImages.encode;
import static io.visionstreams.ingest.TestImages.filled;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Odd but valid images: each decodes to upright 8-bit RGB as OpenCV's imread would give it. */
class ImageDecoderFormatsTest {

    private static final Logger log = LoggerFactory.getLogger(ImageDecoderFormatsTest.class);

    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void decodesBmpToExactRgbPixels() throws Exception {
        // given a lossless BMP whose every pixel is B=10, G=20, R=30
        byte[] bmp = encode(".bmp", filled(5, 4, CvType.CV_8UC3, new Scalar(10, 20, 30)));

        // when
        RgbImage image = decoder.decode(bmp);

        // then the channels come out in R, G, B order
        assertThat(image.width()).isEqualTo(5);
        assertThat(image.height()).isEqualTo(4);
        assertThat(rgb(image, 4, 3)).containsExactly(30, 20, 10);
    }

    @Test
    void replicatesGreyPngToThreeEqualChannels() throws Exception {
        byte[] png = encode(".png", filled(3, 3, CvType.CV_8UC1, new Scalar(77)));

        RgbImage image = decoder.decode(png);

        assertThat(rgb(image, 1, 1)).containsExactly(77, 77, 77);
    }

    @Test
    void replicatesGreyJpegToThreeEqualChannels() throws Exception {
        byte[] jpeg = TestImages.jpeg(filled(16, 16, CvType.CV_8UC1, new Scalar(77)));

        RgbImage image = decoder.decode(jpeg);

        assertThat(rgb(image, 8, 8)).containsExactly(77, 77, 77);
    }

    @Test
    void dropsAlphaWithoutCompositing() throws Exception {
        // given a fully transparent RGBA PNG whose colour is R=30, G=20, B=10
        byte[] png = encode(".png", filled(4, 4, CvType.CV_8UC4, new Scalar(10, 20, 30, 0)));

        RgbImage image = decoder.decode(png);

        // then the colour is kept as stored, not blended with any background
        assertThat(rgb(image, 2, 2)).containsExactly(30, 20, 10);
    }

    @Test
    void reducesSixteenBitPngToItsHighByte() throws Exception {
        byte[] png = encode(".png", filled(4, 4, CvType.CV_16UC3, new Scalar(0x1280, 0x34FF, 0xFE01)));

        RgbImage image = decoder.decode(png);

        assertThat(rgb(image, 0, 0)).containsExactly(0xFE, 0x34, 0x12);
    }

    @Test
    void decodesAdobeCmykJpegThroughLibjpeg() throws Exception {
        // given pure red in Photoshop's inverted CMYK: no cyan, full magenta and yellow, no black
        byte[] jpeg = TestImages.adobeJpeg(16, 16, new int[] {255, 0, 0, 255}, 0);

        RgbImage image = decoder.decode(jpeg);

        assertThat(rgb(image, 8, 8)).satisfies(p -> assertClose(p, 255, 0, 0, 3));
        assertThat(image.pixels()).as("libjpeg-turbo's conversion, as imread").isEqualTo(TestImages.imreadRgb(jpeg).pixels());
    }

    @Test
    void decodesAdobeYcckJpegThroughLibjpeg() throws Exception {
        byte[] jpeg = TestImages.adobeJpeg(16, 16, new int[] {255, 0, 0, 255}, 2);

        RgbImage image = decoder.decode(jpeg);

        assertThat(rgb(image, 8, 8)).satisfies(p -> assertClose(p, 255, 0, 0, 3));
        assertThat(image.pixels()).isEqualTo(TestImages.imreadRgb(jpeg).pixels());
    }

    @Test
    void fallsBackToImageIoForALosslessJpegLibjpegRefuses() throws Exception {
        byte[] jpeg = TestImages.losslessGreyJpeg();
        assertThat(Imgcodecs.imdecode(new org.opencv.core.MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR).empty())
                .as("OpenCV refuses it").isTrue();

        RgbImage image = decoder.decode(jpeg);

        // then grey samples are replicated as stored, not passed through Java's linear grey colour space
        assertThat(image.width()).isEqualTo(8);
        assertThat(rgb(image, 3, 3)).containsExactly(128, 128, 128);
    }

    @Test
    void decodesProgressiveJpeg() throws Exception {
        // given a progressive (SOF2) JPEG of a left-red, right-blue image
        BufferedImage source = new BufferedImage(32, 16, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                source.setRGB(x, y, x < 16 ? 0xFF0000 : 0x0000FF);
            }
        }
        byte[] jpeg = TestImages.progressiveJpeg(source);
        assertThat(hasMarker(jpeg, 0xC2)).as("written as progressive").isTrue();

        RgbImage image = decoder.decode(jpeg);

        assertThat(image.width()).isEqualTo(32);
        assertThat(rgb(image, 4, 8)).satisfies(p -> assertClose(p, 255, 0, 0, 8));
        assertThat(rgb(image, 28, 8)).satisfies(p -> assertClose(p, 0, 0, 255, 8));
        assertThat(image.pixels()).isEqualTo(TestImages.imreadRgb(jpeg).pixels());
    }

    @Test
    void decodesFirstFrameOfAnimatedGifKeepingTransparentColour() throws Exception {
        // given two frames: red | transparent-green, then all blue
        byte[] gif = TestImages.twoFrameGif(8, 4);

        RgbImage image = decoder.decode(gif);

        // then the first frame, with the transparent entry's own colour (alpha dropped, not composited)
        assertThat(image.width()).isEqualTo(8);
        assertThat(image.height()).isEqualTo(4);
        assertThat(rgb(image, 1, 1)).containsExactly(255, 0, 0);
        assertThat(rgb(image, 6, 1)).containsExactly(0, 255, 0);
    }

    @Test
    void decodesLosslessWebp() throws Exception {
        byte[] webp = encode(".webp", filled(6, 5, CvType.CV_8UC3, new Scalar(10, 20, 30)),
                Imgcodecs.IMWRITE_WEBP_QUALITY, 101);

        RgbImage image = decoder.decode(webp);

        assertThat(rgb(image, 5, 4)).containsExactly(30, 20, 10);
    }

    @Test
    void decodesOneByOnePixelImage() throws Exception {
        RgbImage image = decoder.decode(encode(".png", filled(1, 1, CvType.CV_8UC3, new Scalar(1, 2, 3))));

        assertThat(image.width()).isEqualTo(1);
        assertThat(image.height()).isEqualTo(1);
        assertThat(rgb(image, 0, 0)).containsExactly(3, 2, 1);
    }

    @Test
    void decodesTwoByThreeJpeg() throws Exception {
        RgbImage image = decoder.decode(TestImages.jpeg(filled(2, 3, CvType.CV_8UC3, new Scalar(200, 100, 50))));

        assertThat(image.width()).isEqualTo(2);
        assertThat(image.height()).isEqualTo(3);
        assertThat(rgb(image, 1, 2)).satisfies(p -> assertClose(p, 50, 100, 200, 2));
    }

    @Test
    void decodesFourThousandByThreeThousandJpeg() throws Exception {
        // given a 12-megapixel camera-sized JPEG with texture (upscaled noise)
        Mat noise = new Mat(300, 400, CvType.CV_8UC3);
        Core.randu(noise, 0, 256);
        Mat big = new Mat();
        Imgproc.resize(noise, big, new Size(4000, 3000), 0, 0, Imgproc.INTER_CUBIC);
        byte[] jpeg = encode(".jpg", big, Imgcodecs.IMWRITE_JPEG_QUALITY, 90);
        decoder.decode(jpeg); // warm-up

        long start = System.nanoTime();
        RgbImage image = decoder.decode(jpeg);
        long millis = (System.nanoTime() - start) / 1_000_000;

        log.info("4000x3000 JPEG of {} bytes decoded in {} ms", jpeg.length, millis);
        assertThat(image.width()).isEqualTo(4000);
        assertThat(image.height()).isEqualTo(3000);
        assertThat(image.pixels()).isEqualTo(TestImages.imreadRgb(jpeg).pixels());
    }

    @Test
    void decodesTheSameBytesIdenticallyFromSeveralThreads() throws Exception {
        byte[] jpeg = TestImages.withExifOrientation(TestImages.jpeg(TestImages.redTopLeft(64, 48)), 6);
        byte[] expected = decoder.decode(jpeg).pixels();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> decoder.decode(jpeg).pixels()));
            }
            for (Future<byte[]> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static int[] rgb(RgbImage image, int x, int y) {
        return new int[] {image.get(x, y, 0), image.get(x, y, 1), image.get(x, y, 2)};
    }

    private static void assertClose(int[] pixel, int r, int g, int b, int tolerance) {
        assertThat(pixel[0]).as("R of %s", java.util.Arrays.toString(pixel)).isCloseTo(r, org.assertj.core.data.Offset.offset(tolerance));
        assertThat(pixel[1]).as("G of %s", java.util.Arrays.toString(pixel)).isCloseTo(g, org.assertj.core.data.Offset.offset(tolerance));
        assertThat(pixel[2]).as("B of %s", java.util.Arrays.toString(pixel)).isCloseTo(b, org.assertj.core.data.Offset.offset(tolerance));
    }

    private static boolean hasMarker(byte[] jpeg, int marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return true;
            }
        }
        return false;
    }
}
