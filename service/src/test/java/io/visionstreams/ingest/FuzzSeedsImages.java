package io.visionstreams.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Writes {@link ImageDecoderFuzzTest}'s seed inputs (run once from the project root, like
 * {@code io.visionstreams.testing.FuzzSeeds}): a small image of every supported format, EXIF
 * orientations in JPEG and PNG, the refused formats' headers and a pixel bomb. Not a test.
 */
public final class FuzzSeedsImages {

    private FuzzSeedsImages() {}

    public static void main(String[] args) throws IOException {
        OpenCv.load();
        Mat image = TestImages.redTopLeft(12, 8);
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("baseline.jpg", TestImages.jpeg(image));
        seeds.put("progressive.jpg", TestImages.encode(".jpg", image, Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1));
        seeds.put("exif-orientation-6.jpg", TestImages.withExifOrientation(TestImages.jpeg(image), 6));
        seeds.put("exif-orientation-3.png", TestImages.pngWithExifOrientation(TestImages.encode(".png", image), 3));
        seeds.put("small.png", TestImages.encode(".png", image));
        seeds.put("small.bmp", TestImages.encode(".bmp", image));
        seeds.put("small.webp", TestImages.encode(".webp", image));
        seeds.put("two-frames.gif", TestImages.twoFrameGif(12, 8));
        seeds.put("header.tiff", new byte[] {'I', 'I', '*', 0, 8, 0, 0, 0});
        seeds.put("header.heic", new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'});
        byte[] bomb = TestImages.encode(".png", image); // IHDR width and height set to 65535 each
        ByteBuffer.wrap(bomb).putInt(16, 65_535).putInt(20, 65_535);
        seeds.put("pixel-bomb.png", bomb);
        Path dir = Path.of("src/test/resources/io/visionstreams/ingest/ImageDecoderFuzzTestInputs/"
                + "decodesAFrameOrRefusesItWithAReason");
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            Files.write(dir.resolve(seed.getKey()), seed.getValue());
        }
    }
}
