package io.visionstreams.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.visionstreams.inference.segmentation.LabelMap;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentationEvaluatorTest {

    private static final int PERSON = 15;
    private static final int BIRD = 3;

    @TempDir
    Path dir;

    @Test
    void scoresTheSetFromVocColourAndPaletteMasksFoundByName() throws IOException {
        // given: 2x2 frames; a_image.png's truth is a_target.png (VOC colours), b.jpg's is b.png
        // (palette, one pixel 255); the images lie beside their masks; z.png's image was never sent
        Path out = Files.createDirectories(dir.resolve("out"));
        Path results = new ResultsFileWriter(out)
                .segmentation("a_image.png", map(0, 0, PERSON, PERSON))
                .segmentation("b.jpg", map(PERSON, 0, 0, BIRD)).write("results.jsonl");
        Path truth = Files.createDirectories(dir.resolve("images"));
        writeRgb(truth.resolve("a_target.png"), 0x000000, 0xC08080, 0xC08080, 0xC08080); // 0, 15, 15, 15
        writePalette(truth.resolve("b.png"), PERSON, 0, 255, BIRD);
        writeRgb(truth.resolve("a_image.png"), 0x010203, 0x010203, 0x010203, 0x010203); // the photo itself
        writePalette(truth.resolve("z.png"), 0, 0, 0, 0);

        // when
        TaskEvaluation e = SegmentationEvaluator.evaluate(ResultSet.read(results),
                SegmentationGroundTruth.folder(truth, true));

        // then: confusion [truth][prediction]: [0][0] = 2, [15][0] = 1, [15][15] = 3, [3][3] = 1 (one ignored)
        // IoU background 2 / 3, person 3 / 4, bird 1
        assertThat(e.headline().get("miou")).isCloseTo((2.0 / 3 + 3.0 / 4 + 1) / 3, within(1e-12));
        assertThat(e.headline().get("pixel_accuracy")).isCloseTo(6.0 / 7, within(1e-12));
        assertThat(e.classes()).extracting(TaskEvaluation.ClassRow::name)
                .containsExactly("background", "bird", "person");
        assertThat(e.frames()).extracting(TaskEvaluation.Frame::eventId).containsExactly("a_image.png", "b.jpg");
        assertThat(e.missing()).containsExactly("z.png");
        assertThat(e.confusions()).singleElement().satisfies(c -> {
            assertThat(c.truth()).isEqualTo("person");
            assertThat(c.predicted()).isEqualTo("background");
            assertThat(c.count()).isEqualTo(1);
        });
    }

    @Test
    void aCsvNamesMasksInTheCoralEncodingsAndAMaskOfAnotherSizeScoresTheResizedPrediction() throws IOException {
        // given: a 4x2 prediction for a 2x1 coral bird mask (0 background, 1 and 2 ignored, 3 bird)
        Path out = Files.createDirectories(dir.resolve("out"));
        Path results = new ResultsFileWriter(out)
                .segmentation("bird.bmp", new LabelMap(4, 2, new byte[] {0, 0, BIRD, BIRD, 0, 0, BIRD, BIRD}))
                .write("results.jsonl");
        writeGrey(dir.resolve("bird_mask.png"), 3, 2);
        Path csv = Files.writeString(dir.resolve("truth.csv"), "event_id,mask,encoding\nbird.bmp,bird_mask.png,coral-bird\n");

        // when
        TaskEvaluation e = SegmentationEvaluator.evaluate(ResultSet.read(results), SegmentationGroundTruth.read(csv, false));

        // then: the left pixel (bird) is predicted background, the right one is ignored
        assertThat(e.frames()).singleElement().satisfies(f -> assertThat(f.score()).isZero());
        assertThat(e.headline().get("pixel_accuracy")).isZero();
    }

    @Test
    void pngImagesAreScoredByMasksOfTheirOwnNameElsewhereAndNeverByThemselvesBesideTheirMasks() throws IOException {
        // given: PNG images x.png and y_image.png; in a masks-only folder x.png is x.png's mask; in a
        // folder of images and masks, y_image.png is the photo and y_target.png its mask
        Path out = Files.createDirectories(dir.resolve("out"));
        Path results = new ResultsFileWriter(out).segmentation("x.png", map(0, 0, PERSON, PERSON))
                .segmentation("y_image.png", map(PERSON, PERSON, PERSON, PERSON)).write("results.jsonl");
        Path masks = Files.createDirectories(dir.resolve("masks"));
        writePalette(masks.resolve("x.png"), 0, 0, PERSON, PERSON);
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        writeRgb(mixed.resolve("y_image.png"), 0x102030, 0x405060, 0x708090, 0xA0B0C0); // the photo
        writeRgb(mixed.resolve("x.png"), 0x102030, 0x405060, 0x708090, 0xA0B0C0);       // another photo
        writePalette(mixed.resolve("y_target.png"), PERSON, PERSON, PERSON, 0);

        // when: neither folder is declared to hold the images
        ResultSet set = ResultSet.read(results);
        TaskEvaluation own = SegmentationEvaluator.evaluate(set, SegmentationGroundTruth.folder(masks, false));
        TaskEvaluation beside = SegmentationEvaluator.evaluate(set, SegmentationGroundTruth.folder(mixed, false));

        // then
        assertThat(own.frames()).extracting(TaskEvaluation.Frame::eventId).containsExactly("x.png");
        assertThat(own.headline().get("miou")).isEqualTo(1.0);
        assertThat(beside.frames()).extracting(TaskEvaluation.Frame::eventId).containsExactly("y_image.png");
        assertThat(beside.headline().get("pixel_accuracy")).isCloseTo(3.0 / 4, within(1e-12));
        assertThat(beside.missing()).isEmpty();
    }

    private static LabelMap map(int... labels) {
        byte[] b = new byte[labels.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) labels[i];
        }
        return new LabelMap(2, 2, b);
    }

    private static void writeRgb(Path file, int... rgb) throws IOException {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 4; i++) {
            image.setRGB(i % 2, i / 2, rgb[i]);
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /** An 8-bit palette PNG with VOC's colours (values = indices). */
    private static void writePalette(Path file, int... indices) throws IOException {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            int c = GroundTruthMasks.vocColour(i);
            r[i] = (byte) (c >> 16);
            g[i] = (byte) (c >> 8);
            b[i] = (byte) c;
        }
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, r, g, b));
        for (int i = 0; i < 4; i++) {
            image.getRaster().setSample(i % 2, i / 2, 0, indices[i]);
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void writeGrey(Path file, int... values) throws IOException {
        BufferedImage image = new BufferedImage(values.length, 1, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < values.length; i++) {
            image.getRaster().setSample(i, 0, 0, values[i]);
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
