package io.visionstreams.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our decode + {@link ImageResize#bilinear} reproduces, byte for byte, the uint8 tensors the
 * reference runtimes were fed ({@code datasets/tensors}: RGB PNGs, read here with ImageIO so the
 * channel order is checked independently of OpenCV).
 */
class ReferenceParityTest {

    private static final Logger log = LoggerFactory.getLogger(ReferenceParityTest.class);

    private final ImageDecoder decoder = new ImageDecoder();

    @ParameterizedTest
    @ValueSource(strings = {"cat.bmp", "bird.bmp", "grace_hopper.bmp", "dragonfly.bmp", "sunflower.bmp",
        "parrot.jpg", "hot_dog.jpg", "owl.jpg"})
    void classificationInputsMatchTheReference224Tensors(String name) throws Exception {
        assertMatchesReference(name, "cls224", 224);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0_image.png", "1_image.png", "20_image.png", "23_image.png", "114_image.png",
        "120_image.png", "166_image.png", "293_image.png", "294_image.png", "bird_segmentation.bmp",
        "dog_segmentation.bmp"})
    void segmentationInputsMatchTheReference513Tensors(String name) throws Exception {
        assertMatchesReference(name, "seg513", 513);
    }

    private void assertMatchesReference(String name, String tensors, int side) throws Exception {
        // given the original file and the tensor the reference runtime was fed
        Path reference = datasets().resolve("tensors").resolve(tensors).resolve(name + ".png");
        BufferedImage expected = ImageIO.read(reference.toFile());

        // when decoded and resized as the pipeline does
        RgbImage actual = ImageResize.bilinear(decoder.decode(Files.readAllBytes(image(name))), side, side);

        // then every channel of every pixel is identical
        assertThat(actual.width()).isEqualTo(expected.getWidth());
        assertThat(actual.height()).isEqualTo(expected.getHeight());
        int maxDifference = 0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int rgb = expected.getRGB(x, y);
                maxDifference = Math.max(maxDifference, Math.abs(actual.get(x, y, 0) - (rgb >> 16 & 0xFF)));
                maxDifference = Math.max(maxDifference, Math.abs(actual.get(x, y, 1) - (rgb >> 8 & 0xFF)));
                maxDifference = Math.max(maxDifference, Math.abs(actual.get(x, y, 2) - (rgb & 0xFF)));
            }
        }
        log.info("{} -> {}x{}: max per-channel difference to the reference tensor {}", name, side, side, maxDifference);
        assertThat(maxDifference).isZero();
    }

    static Path datasets() {
        String dir = System.getProperty("vision.datasets.dir");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "vision.datasets.dir not available");
        return Path.of(dir);
    }

    static Path image(String name) {
        return datasets().resolve("images").resolve(name);
    }
}
