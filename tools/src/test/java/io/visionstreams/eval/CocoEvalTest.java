package io.visionstreams.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CocoEvalTest {

    private static final int CAT = 1;
    private static final int DOG = 2;

    @Test
    void twoImagesGiveTheHandComputedApAtEveryThreshold() {
        // given: 3 cats (2 in image a, 1 in b); a's best detection is exact, its second hits nothing,
        // b's covers half of its cat (IoU exactly 0.5)
        CocoEval.Image a = new CocoEval.Image("a",
                List.of(CocoBox.truth(CAT, 0, 0, 10, 10), CocoBox.truth(CAT, 20, 20, 10, 10)),
                List.of(CocoBox.detection(CAT, 0, 0, 10, 10, 0.9), CocoBox.detection(CAT, 50, 50, 10, 10, 0.8)));
        CocoEval.Image b = new CocoEval.Image("b", List.of(CocoBox.truth(CAT, 0, 0, 10, 10)),
                List.of(CocoBox.detection(CAT, 0, 0, 10, 5, 0.7)));

        // when
        CocoEval eval = CocoEval.evaluate(List.of(a, b), List.of(CAT, DOG));

        // then, at IoU 0.5, by score: TP, FP, TP -> recall 1/3, 1/3, 2/3; precision 1, 1/2, 2/3, made
        // monotone 1, 2/3, 2/3: recall thresholds 0..0.33 (34) give 1, 0.34..0.66 (33) give 2/3, the
        // rest 0. From IoU 0.55 on, b's detection is a false positive: only 0..0.33 give 1.
        double ap50 = (34 + 33 * (2.0 / 3)) / 101;
        double apHigh = 34.0 / 101;
        assertThat(eval.categories()).singleElement().satisfies(c -> {
            assertThat(c.categoryId()).isEqualTo(CAT);
            assertThat(c.objects()).isEqualTo(3);
            assertThat(c.ap50()).isCloseTo(ap50, within(1e-12));
            assertThat(c.ap75()).isCloseTo(apHigh, within(1e-12));
            assertThat(c.recall50()).isCloseTo(2.0 / 3, within(1e-12));
        });
        assertThat(eval.ap50()).isCloseTo(ap50, within(1e-12));
        assertThat(eval.map()).isCloseTo((ap50 + 9 * apHigh) / 10, within(1e-12));
        assertThat(eval.counts("a")).isEqualTo(new CocoEval.ImageCounts(1, 1, 1));
        assertThat(eval.counts("b")).isEqualTo(new CocoEval.ImageCounts(1, 0, 0));
    }

    @Test
    void aDetectionInsideACrowdIsIgnoredAndCategoriesAreAveraged() {
        // given: image c has a dog crowd region and one dog; the top-scoring dog detection lies
        // inside the crowd (IoU with a crowd = intersection / detection area = 1)
        CocoEval.Image a = new CocoEval.Image("a", List.of(CocoBox.truth(CAT, 0, 0, 10, 10)),
                List.of(CocoBox.detection(CAT, 0, 0, 10, 10, 0.9)));
        CocoEval.Image c = new CocoEval.Image("c",
                List.of(new CocoBox(DOG, 0, 0, 100, 100, 10000, 1, true), CocoBox.truth(DOG, 200, 200, 10, 10)),
                List.of(CocoBox.detection(DOG, 10, 10, 10, 10, 0.95), CocoBox.detection(DOG, 200, 200, 10, 10, 0.6),
                        CocoBox.detection(7, 0, 0, 10, 10, 0.99))); // a category not evaluated

        // when
        CocoEval eval = CocoEval.evaluate(List.of(a, c), List.of(CAT, DOG));

        // then: the crowd match neither helps nor hurts: both categories are perfect
        assertThat(eval.categories()).extracting(CocoEval.CategoryResult::objects).containsExactly(1, 1);
        assertThat(eval.map()).isCloseTo(1.0, within(1e-12)); // precision is tp / (tp + fp + eps), as in the toolkit
        assertThat(eval.counts("c")).isEqualTo(new CocoEval.ImageCounts(1, 0, 0));
    }

    @Test
    void onlyTheHundredBestDetectionsPerImageAndCategoryCount() {
        // given: one cat, found only by the lowest-scoring detection, behind 99 or 100 misses
        CocoBox cat = CocoBox.truth(CAT, 0, 0, 10, 10);
        List<CocoBox> withRoom = misses(99);
        withRoom.add(CocoBox.detection(CAT, 0, 0, 10, 10, 0.1));
        List<CocoBox> crowdedOut = misses(100);
        crowdedOut.add(CocoBox.detection(CAT, 0, 0, 10, 10, 0.1));

        // when
        CocoEval kept = CocoEval.evaluate(List.of(new CocoEval.Image("x", List.of(cat), withRoom)), List.of(CAT));
        CocoEval dropped = CocoEval.evaluate(List.of(new CocoEval.Image("x", List.of(cat), crowdedOut)), List.of(CAT));

        // then: the 100th detection reaches recall 1 at precision 1/100, every recall threshold takes it
        assertThat(kept.ap50()).isCloseTo(0.01, within(1e-12));
        assertThat(dropped.ap50()).isZero();
    }

    @Test
    void aCategoryWithoutGroundTruthCountsInNoAverage() {
        CocoEval eval = CocoEval.evaluate(List.of(new CocoEval.Image("x", List.of(),
                List.of(CocoBox.detection(DOG, 0, 0, 10, 10, 0.9)))), List.of(CAT, DOG));

        assertThat(eval.categories()).isEmpty();
        assertThat(eval.map()).isNaN();
        assertThat(eval.counts("x")).isEqualTo(new CocoEval.ImageCounts(0, 1, 0));
    }

    @Test
    void crowdIouIsIntersectionOverTheDetectionsArea() {
        CocoBox crowd = new CocoBox(DOG, 0, 0, 10, 10, 100, 1, true);
        CocoBox object = CocoBox.truth(DOG, 0, 0, 10, 10);
        CocoBox halfOutside = CocoBox.detection(DOG, 5, 0, 10, 10, 1);

        assertThat(crowd.iou(halfOutside)).isEqualTo(0.5);
        assertThat(object.iou(halfOutside)).isCloseTo(50.0 / 150, within(1e-15));
    }

    private static List<CocoBox> misses(int n) {
        List<CocoBox> boxes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boxes.add(CocoBox.detection(CAT, 500 + 20 * i, 500, 10, 10, 0.9));
        }
        return boxes;
    }
}
