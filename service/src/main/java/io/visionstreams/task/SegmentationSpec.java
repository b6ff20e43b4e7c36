package io.visionstreams.task;

import static io.visionstreams.task.JsonFields.array;
import static io.visionstreams.task.JsonFields.capturedAt;
import static io.visionstreams.task.JsonFields.integer;
import static io.visionstreams.task.JsonFields.model;
import static io.visionstreams.task.JsonFields.number;
import static io.visionstreams.task.JsonFields.text;
import static io.visionstreams.task.JsonFields.timing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstreams.avro.ClassFraction;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.TagLabel;
import io.visionstreams.avro.Timing;
import io.visionstreams.inference.ModelInfo;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.segmentation.LabelMapPng;
import io.visionstreams.inference.segmentation.SegmentationResult;
import io.visionstreams.task.ResultRecords;
import io.visionstreams.results.Serdes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Segmentation: a per-pixel VOC label map of a frame (8-bit PNG) with per-class pixel fractions,
 * published as {@code Segmentation}; results.jsonl names the mask file instead of carrying the PNG.
 */
final class SegmentationSpec extends TaskSpec<SegmentationResult, Segmentation> {

    SegmentationSpec() {
        super(VisionTask.SEGMENTATION, "Segment", SegmentationResult.class, Segmentation.class, Serdes.SEGMENTATION);
    }


    @Override
    public Segmentation record(ImageEvent event, ModelInfo model, Timing timing, SegmentationResult result) {
        return ResultRecords.segmentation(event, model, timing, result, LabelMapPng.encode(result));
    }

    @Override
    public void writeJson(Segmentation s, ObjectNode json, String maskFile) {
        json.put("mask_width", s.getMaskWidth()).put("mask_height", s.getMaskHeight());
        ArrayNode classes = json.putArray("classes");
        for (ClassFraction f : s.getClasses()) {
            classes.addObject().put("index", f.getIndex()).put("label", f.getLabel()).put("fraction", f.getFraction());
        }
        json.put("mask_file", maskFile);
    }

    /** The mask PNG, in the file {@code mask_file} names. */
    @Override
    public Optional<byte[]> sideFile(Segmentation s) {
        return Optional.of(Serdes.bytes(s.getMaskPng()));
    }

    /** Reads the mask PNG from the {@code mask_file} it names. */
    @Override
    public Segmentation readJson(JsonNode j, Path folder) throws IOException {
        List<ClassFraction> classes = new ArrayList<>();
        for (JsonNode c : array(j, "classes")) {
            classes.add(new ClassFraction(integer(c, "index"), text(c, "label"), (float) number(c, "fraction")));
        }
        Path mask = folder.resolve(text(j, "mask_file"));
        byte[] png;
        try {
            png = Files.readAllBytes(mask);
        } catch (NoSuchFileException e) {
            throw new IOException("mask file " + mask + " does not exist", e);
        }
        return Segmentation.newBuilder().setEventId(text(j, "event_id")).setSourceId(text(j, "source_id"))
                .setCapturedAt(capturedAt(j)).setModel(model(j)).setMaskWidth(integer(j, "mask_width"))
                .setMaskHeight(integer(j, "mask_height")).setMaskPng(ByteBuffer.wrap(png)).setClasses(classes)
                .setTiming(timing(j)).build();
    }

    /** The label map, with a legend line for each class found but background and void (0, 255). */
    @Override
    public Optional<Overlay> overlay(Segmentation s) {
        List<Overlay.LegendEntry> legend = s.getClasses().stream().filter(c -> c.getIndex() != 0 && c.getIndex() != 255)
                .map(c -> new Overlay.LegendEntry(c.getIndex(), percent(c))).toList();
        return Optional.of(Overlay.ofMask(new Overlay.Mask(LabelMapPng.decode(Serdes.bytes(s.getMaskPng())), legend)));
    }

    @Override
    public Optional<FrameSize> frameSize(Segmentation s) {
        return Optional.of(new FrameSize(s.getMaskWidth(), s.getMaskHeight()));
    }

    @Override
    public int demoCellWidth() {
        return 36;
    }

    /** Every class but background (index 0) covering at least the threshold's fraction of the pixels, largest first. */
    @Override
    public List<TagLabel> tagsOf(Segmentation s, double threshold) {
        return s.getClasses().stream().filter(c -> c.getIndex() != 0 && c.getFraction() >= threshold)
                .sorted((a, b) -> Float.compare(b.getFraction(), a.getFraction()))
                .map(c -> new TagLabel(task().configName(), c.getLabel(), c.getIndex(), c.getFraction(), null, null)).toList();
    }

    @Override
    public double tagsThresholdDefault() {
        return 0.05;
    }

    @Override
    public String tagsThresholdDoc() {
        return "Smallest fraction of a frame's pixels a segmentation class (background excepted) must cover to become a tag.";
    }

    /** Up to three non-background classes with their share of the pixels. */
    @Override
    public String demoCell(Segmentation s) {
        String found = s.getClasses().stream().filter(c -> c.getIndex() != 0).limit(3)
                .map(SegmentationSpec::percent).collect(Collectors.joining(", "));
        return found.isEmpty() ? "-" : found;
    }

    private static String percent(ClassFraction c) {
        double p = 100 * c.getFraction();
        return c.getLabel() + (p < 1 ? " <1%" : String.format(Locale.ROOT, " %.0f%%", p));
    }
}
