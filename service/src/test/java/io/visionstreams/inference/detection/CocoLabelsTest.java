package io.visionstreams.inference.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.inference.LabelFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class CocoLabelsTest {

    @Test
    void tfliteDetectorsLabelmapNamesTheSameCocoIdsAsCocoLabels() throws Exception {
        // given: the two bundled files, one line per id from 1 (coco_labels) and from 0 = background (labelmap)
        CocoLabels coco = new CocoLabels(LabelFile.fromResource("labels/coco_labels.txt"));
        CocoLabels labelmap = CocoLabels.fromLabelmap(LabelFile.fromResource("labels/ssd_mobilenet_v1_labelmap.txt"));

        // then
        assertThat(labelmap.maxId()).isEqualTo(90).isEqualTo(coco.maxId());
        for (int id = 1; id <= 90; id++) {
            assertThat(labelmap.isUsed(id)).as("id %d", id).isEqualTo(coco.isUsed(id));
            assertThat(labelmap.label(id)).as("id %d", id).isEqualTo(coco.label(id));
        }
        assertThat(labelmap.label(1)).isEqualTo("person");
        assertThat(labelmap.isUsed(12)).isFalse();
        assertThat(labelmap.label(90)).isEqualTo("toothbrush");
    }

    @Test
    void aLabelmapWithoutItsBackgroundLineIsRefused() {
        assertThatThrownBy(() -> CocoLabels.fromLabelmap(List.of("person", "bicycle")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("background");
    }
}
