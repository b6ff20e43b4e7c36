package io.visionstreams.task;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstreams.avro.ClassFraction;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Segmentation;
import io.visionstreams.avro.Timing;
import io.visionstreams.inference.ModelInfo;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.segmentation.LabelMapPng;
import io.visionstreams.inference.segmentation.SegmentationResult;
import io.visionstreams.results.ResultRecords;
import io.visionstreams.results.Serdes;
import java.util.Locale;
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
