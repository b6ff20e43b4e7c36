package io.visionstreams.cli;

import io.visionstreams.eval.sequence.SequencePlan;
import io.visionstreams.eval.sequence.SequenceWriter;
import io.visionstreams.eval.tracking.EventTruth;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a test sequence with exact ground truth for tracking and object events ({@link SequenceWriter}). */
@Command(name = "generate-sequence", mixinStandardHelpOptions = true,
        description = "Write a video of real objects (cut from the sample images) moving along known paths, with"
                + " MOTChallenge ground truth (gt/gt.txt), a zones file (zones.json) and the expected object events"
                + " (events.json), for evaluate --task tracking.")
final class GenerateSequenceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Which sequence: each seed gives another (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--frames", defaultValue = "120", description = "Frames (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--fps", defaultValue = "10", description = "Frames per second of the video (default: ${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--width", defaultValue = "640", description = "Pixels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "360", description = "Pixels (default: ${DEFAULT-VALUE}).")
    int height;

    @Mixin
    ImagesOption images;

    @Override
    public Integer call() throws Exception {
        SequencePlan plan = SequencePlan.draw(images.folder(), seed, width, height, fps, frames);
        SequenceWriter.Written w = SequenceWriter.write(plan, out);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "wrote %s: %d frames at %d fps, %d objects (%d ignored, flag 0), %d ground-truth rows%n",
                out.resolve(SequenceWriter.VIDEO), frames, fps, plan.movers().size(),
                plan.movers().stream().filter(m -> !m.considered()).count(), w.truth().size());
        for (EventTruth e : w.events()) {
            o.printf(Locale.ROOT, "  expected: frame %3d object %d %s %s%s%n", e.frame(), e.gtId(), e.type(), e.name(),
                    e.crossing() ? " (" + e.fromSide() + " to " + e.toSide() + ")" : "");
        }
        o.printf("evaluate with: evaluate --task tracking --ground-truth %s --results RESULTS.jsonl --baseline greedy-iou%n",
                out);
        o.flush();
        return 0;
    }
}
