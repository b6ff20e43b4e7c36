package io.visionstreams.task;

import io.visionstreams.inference.segmentation.LabelMap;
import java.util.List;
import java.util.Optional;

/**
 * What one result contributes to its frame's annotated picture ({@link TaskSpec#overlay}), as data: the
 * picture ({@code client.AnnotatedPreview}) draws every result's overlay in a fixed layer order — all
 * masks, then all boxes, then all legends — so that boxes stay readable on masks whichever task made them.
 *
 * @param mask  a per-pixel label map, coloured translucently with its legend; empty for none
 * @param boxes labelled boxes, drawn last to first (the first, the highest score, on top)
 * @param shapes named zones (closed) and directed lines (open), drawn after the masks and before the boxes
 */
public record Overlay(Optional<Mask> mask, List<Box> boxes, List<Shape> shapes) {

    public Overlay {
        boxes = List.copyOf(boxes);
        shapes = List.copyOf(shapes);
    }

    public Overlay(Optional<Mask> mask, List<Box> boxes) {
        this(mask, boxes, List.of());
    }

    /** Zones and lines (tracking), drawn under every box. */
    public static Overlay ofShapes(List<Shape> shapes) {
        return new Overlay(Optional.empty(), List.of(), shapes);
    }

    public static Overlay ofMask(Mask mask) {
        return new Overlay(Optional.of(mask), List.of());
    }

    public static Overlay ofBoxes(List<Box> boxes) {
        return new Overlay(Optional.empty(), boxes);
    }

    /**
     * @param labels the label map (class indices 0 and 255, background and void, are left clear), of any
     *               size: it is resized (nearest) to the picture
     * @param legend one line per class worth naming, top to bottom
     */
    public record Mask(LabelMap labels, List<LegendEntry> legend) {

        public Mask {
            legend = List.copyOf(legend);
        }
    }

    /** A swatch of class {@code index}'s colour and its {@code text}. */
    public record LegendEntry(int index, String text) {}

    /**
     * A box in coordinates relative to the picture (0..1; the model's, possibly past its edges).
     *
     * @param colourKey picks the box's colour (the class id: one class, one colour)
     * @param text      its tag, e.g. {@code "cat 0.91"}
     */
    public record Box(float xMin, float yMin, float xMax, float yMax, int colourKey, String text) {}

    /** A point relative to the picture (0..1). */
    public record Vertex(float x, float y) {}

    /**
     * A named polygon ({@code closed}: a zone) or directed polyline (a line, an arrow at its last point).
     */
    public record Shape(String name, List<Vertex> points, boolean closed) {
        public Shape {
            points = List.copyOf(points);
        }
    }
}
