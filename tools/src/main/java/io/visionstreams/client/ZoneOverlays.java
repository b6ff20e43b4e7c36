package io.visionstreams.client;

import io.visionstreams.task.Overlay;
import io.visionstreams.tracking.Point;
import io.visionstreams.tracking.ZoneSet;
import java.util.ArrayList;
import java.util.List;

/** A source's zones (closed shapes) and directed lines (open shapes) as an {@link Overlay} for its previews. */
public final class ZoneOverlays {

    private ZoneOverlays() {}

    public static Overlay of(ZoneSet zones) {
        List<Overlay.Shape> shapes = new ArrayList<>();
        zones.zones().forEach(z -> shapes.add(new Overlay.Shape(z.name(), vertices(z.polygon()), true)));
        zones.lines().forEach(l -> shapes.add(new Overlay.Shape(l.name(), vertices(l.points()), false)));
        return Overlay.ofShapes(shapes);
    }

    private static List<Overlay.Vertex> vertices(List<Point> points) {
        return points.stream().map(p -> new Overlay.Vertex((float) p.x(), (float) p.y())).toList();
    }
}
