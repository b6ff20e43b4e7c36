package io.visionstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EvaluateHelpTest {

    @Test
    void evaluateHelpNamesEveryTaskAndTheGroundTruthEachReads() {
        // when
        String help = new CommandLine(new EvaluateCommand()).setUsageHelpWidth(200).getUsageMessage();
        // then
        assertThat(help).contains("--task=TASK", "One of classification, detection, segmentation, tracking.")
                .contains("classification: CSV event_id,label (ImageNet 0-based index or name);")
                .contains("detection: COCO instances JSON (file_name = event_id) or a folder of YOLO .txt files;")
                .contains("segmentation: a folder of VOC PNG masks (<image name>.png, or <name>_target.png for"
                        + " <name>_image.*) or a CSV event_id,mask[,voc|coral-bird|oxford-trimap];")
                .contains("tracking: a MOTChallenge sequence folder (gt/gt.txt; events.json and zones.json beside it"
                        + " are scored too) or a gt.txt.");
    }
}
