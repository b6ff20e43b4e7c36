package io.visionstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.visionstreams.inference.ModelCatalog;
import io.visionstreams.inference.ModelSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return VisionStreamsCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void listsEveryCatalogModelWithItsPublicSourcesAndChecksums() {
        assertThat(run("models", "list")).isZero();
        for (ModelSpec spec : ModelCatalog.MODELS) {
            assertThat(out.toString()).contains(spec.name());
            spec.files().forEach(f -> assertThat(out.toString()).contains(f.url().toString(), f.sha256()));
        }
    }

    @Test
    void verifiesEveryTasksModelFromSourcesToOneInference() {
        assertThat(run("models", "verify")).as(err.toString()).isZero();
        assertThat(out.toString().lines().filter(l -> l.endsWith(")") && l.contains(": ok (one frame in"))).hasSize(3);
        assertThat(out.toString()).contains("mobilenet_v2_1.0_224", "ssdlite_mobilenet_v2_coco", "deeplabv3_mnv2_pascal");
    }

    @Test
    void verifiesTheSecondDetectorAndSegmenterTheConfigSelects(@TempDir Path dir) throws Exception {
        // given
        Path config = dir.resolve("second.properties");
        Files.writeString(config, "vision.model.detection=ssd_mobilenet_v1_coco\n"
                + "vision.model.segmentation=deeplabv3_mnv2_dm05_pascal\n");

        // when
        int code = run("models", "verify", "--config", config.toString());

        // then
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines().filter(l -> l.contains(": ok (one frame in"))).hasSize(3)
                .anySatisfy(l -> assertThat(l).startsWith("detection").contains("ssd_mobilenet_v1_coco"))
                .anySatisfy(l -> assertThat(l).startsWith("segmentation").contains("deeplabv3_mnv2_dm05_pascal"));
    }

    @Test
    void anUnknownModelIsAModelErrorWithItsExitCode() {
        assertThat(run("models", "convert", "resnet_50")).isEqualTo(VisionStreamsCli.EXIT_MODEL);
        assertThat(err.toString()).contains("unknown model 'resnet_50'");
    }
}
