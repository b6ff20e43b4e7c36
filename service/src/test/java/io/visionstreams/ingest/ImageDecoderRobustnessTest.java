package io.visionstreams.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded mutations of small valid images (bit flips, overwritten bytes, cuts): whatever the bytes,
 * the decoder returns a frame or throws a DecodeException, nothing else. A quick, deterministic
 * stand-in for coverage-guided fuzzing (Jazzer), which would find more.
 */
class ImageDecoderRobustnessTest {

    private static final Logger log = LoggerFactory.getLogger(ImageDecoderRobustnessTest.class);
    private static final int MUTANTS = 400;

    private final ImageDecoder decoder = new ImageDecoder();

    @ParameterizedTest
    @ValueSource(strings = {"jpeg", "progressive-jpeg", "png", "bmp", "gif", "webp", "exif-jpeg"})
    void returnsAFrameOrADecodeExceptionForEveryMutant(String kind) {
        // given
        byte[] valid = sample(kind);
        Random random = new Random(kind.hashCode());
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> escaped = new ArrayList<>();

        // when
        for (int i = 0; i < MUTANTS; i++) {
            byte[] mutant = mutate(valid, random);
            try {
                RgbImage image = decoder.decode(mutant);
                assertThat(image.pixels()).hasSize(image.width() * image.height() * 3);
                outcomes.merge("decoded", 1, Integer::sum);
            } catch (DecodeException e) {
                outcomes.merge(e.stage() + "/" + e.reason(), 1, Integer::sum);
            } catch (RuntimeException e) {
                escaped.add(e.toString());
            }
        }

        // then
        log.info("{} mutants of a {} sample: {}", MUTANTS, kind, outcomes);
        assertThat(escaped).isEmpty();
    }

    private static byte[] sample(String kind) {
        Mat image = TestImages.redTopLeft(24, 16);
        return switch (kind) {
            case "jpeg" -> TestImages.jpeg(image);
            case "exif-jpeg" -> TestImages.withExifOrientation(TestImages.jpeg(image), 6);
            case "progressive-jpeg" -> TestImages.encode(".jpg", image, Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1);
            case "png" -> TestImages.encode(".png", image);
            case "bmp" -> TestImages.encode(".bmp", image);
            case "webp" -> TestImages.encode(".webp", image);
            case "gif" -> TestImages.twoFrameGif(24, 16);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] out = valid.clone();
        switch (random.nextInt(4)) {
            case 0 -> { // a few bit flips anywhere
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> { // header bytes overwritten with extremes
                int limit = Math.min(out.length, 64);
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    out[random.nextInt(limit)] = random.nextBoolean() ? (byte) 0xFF : 0;
                }
            }
            case 2 -> out = Arrays.copyOf(out, 1 + random.nextInt(out.length - 1)); // cut anywhere
            default -> { // a run of random bytes
                int start = random.nextInt(out.length);
                for (int i = start; i < Math.min(out.length, start + 1 + random.nextInt(32)); i++) {
                    out[i] = (byte) random.nextInt(256);
                }
            }
        }
        return out;
    }
}
