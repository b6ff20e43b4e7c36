package io.visionstreams.tracking;

import java.util.List;
import java.util.OptionalInt;

/** Point-in-polygon and segment crossing in normalized image coordinates (y grows downwards). */
final class Geometry {

    private Geometry() {}

    /** Even-odd rule: a point on the boundary may fall either way, the same way every time. */
    static boolean inside(List<Point> polygon, Point p) {
        boolean in = false;
        int n = polygon.size();
        for (int i = 0, j = n - 1; i < n; j = i++) {
            Point a = polygon.get(i);
            Point b = polygon.get(j);
            if ((a.y() > p.y()) != (b.y() > p.y())
                    && p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x()) {
                in = !in;
            }
        }
        return in;
    }

    /** Which side of the directed segment a→b the point is on, looking from a to b on the picture. */
    static String side(Point a, Point b, Point p) {
        return cross(a, b, p) < 0 ? "left" : "right";
    }

    /**
     * The first segment of {@code polyline} the move from→to crosses: from's side and to's side of it
     * differ, and the segment's ends are not both on one side of the move.
     */
    static OptionalInt crossedSegment(List<Point> polyline, Point from, Point to) {
        for (int k = 0; k + 1 < polyline.size(); k++) {
            Point a = polyline.get(k);
            Point b = polyline.get(k + 1);
            boolean fromLeft = cross(a, b, from) < 0;
            boolean toLeft = cross(a, b, to) < 0;
            double ca = cross(from, to, a);
            double cb = cross(from, to, b);
            if (fromLeft != toLeft && ca * cb <= 0) {
                return OptionalInt.of(k);
            }
        }
        return OptionalInt.empty();
    }

    private static double cross(Point a, Point b, Point p) {
        return (b.x() - a.x()) * (p.y() - a.y()) - (b.y() - a.y()) * (p.x() - a.x());
    }
}
