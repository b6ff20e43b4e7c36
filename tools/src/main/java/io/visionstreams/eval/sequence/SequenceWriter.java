package io.visionstreams.eval.sequence;

import io.visionstreams.eval.tracking.Box;
import io.visionstreams.eval.tracking.EventTruth;
import io.visionstreams.eval.tracking.TrackingRun;
import io.visionstreams.eval.tracking.TruthRow;
import io.visionstreams.eval.tracking.ZonesFile;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Writes a sequence folder in MOTChallenge's layout: {@code seq.mp4} (H.264 by OpenH264, one frame
 * per plan frame, frame {@code k} of the video = MOTChallenge frame {@code k + 1}), {@code gt/gt.txt},
 * {@code seqinfo.ini}, the zones file {@code zones.json} (for every source, {@code "*"}) and the
 * events ground truth {@code events.json}.
 */
public final class SequenceWriter {

    public static final String VIDEO = "seq.mp4";

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR); // the recorder prints the output's layout at INFO
    }

    private SequenceWriter() {}

    /** What was written: the ground-truth rows and the expected events. */
    public record Written(Path folder, List<TruthRow> truth, List<EventTruth> events) {}

    public static Written write(SequencePlan plan, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("gt"));
        SequenceRenderer renderer = new SequenceRenderer(plan);
        List<TruthRow> truth = new ArrayList<>();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(dir.resolve(VIDEO).toFile(), plan.width(),
                plan.height(), 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libopenh264");
            recorder.setFrameRate(plan.fps());
            recorder.setVideoBitrate(3_000_000);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.start();
            Frame frame = new Frame(plan.width(), plan.height(), Frame.DEPTH_UBYTE, 3);
            for (int f = 1; f <= plan.frames(); f++) {
                List<Placement> placements = renderer.place(f);
                for (int i = 0; i < placements.size(); i++) {
                    Placement p = placements.get(i);
                    truth.add(new TruthRow(f, p.mover().id(), rounded(p.box()), p.mover().considered(),
                            p.mover().sprite().motClass(), Math.round(renderer.visibility(placements, i) * 1e4) / 1e4));
                }
                BufferedImage image = renderer.draw(placements);
                ByteBuffer pixels = (ByteBuffer) frame.image[0];
                pixels.position(0);
                pixels.put(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
                pixels.position(0);
                recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        }
        truth.sort((a, b) -> a.id() != b.id() ? Long.compare(a.id(), b.id()) : Integer.compare(a.frame(), b.frame()));
        StringBuilder gt = new StringBuilder();
        for (TruthRow r : truth) {
            gt.append(String.format(Locale.ROOT, "%d,%d,%.2f,%.2f,%.2f,%.2f,%d,%d,%.4f%n", r.frame(), r.id(), r.box().x(),
                    r.box().y(), r.box().w(), r.box().h(), r.considered() ? 1 : 0, r.cls(), r.visibility()));
        }
        Files.writeString(dir.resolve("gt").resolve("gt.txt"), gt);
        Files.writeString(dir.resolve("seqinfo.ini"), String.format(Locale.ROOT, "[Sequence]%nname=%s%nvideo=%s%n"
                        + "frameRate=%d%nseqLength=%d%nimWidth=%d%nimHeight=%d%nseed=%d%n", dir.getFileName(), VIDEO,
                plan.fps(), plan.frames(), plan.width(), plan.height(), plan.seed()));
        ZonesFile.write(dir.resolve(TrackingRun.ZONES_FILE), "*", plan.geometry());
        List<EventTruth> events = ExpectedEvents.of(truth, plan.geometry(), plan.width(), plan.height());
        EventTruth.write(dir.resolve(TrackingRun.EVENTS_FILE), events);
        return new Written(dir, truth, events);
    }

    /** The box as gt.txt writes it (2 decimals), so the events are computed from exactly what is written. */
    private static Box rounded(Box b) {
        return new Box(r2(b.x()), r2(b.y()), r2(b.w()), r2(b.h()));
    }

    private static double r2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
