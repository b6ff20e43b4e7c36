package io.visionstreams.client;

import io.visionstreams.task.Overlay;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;

/**
 * Draws a zone (translucent fill, outline, name at its first point) or a directed line (its polyline,
 * an arrow head at its last point, name at its first) on an annotated preview.
 */
final class ZoneDrawing {

    private static final Color ZONE = new Color(0x00, 0xC8, 0xFF);
    private static final Color LINE = new Color(0xFF, 0xD4, 0x00);

    private ZoneDrawing() {}

    static void draw(Graphics2D g, Overlay.Shape shape, int w, int h, float stroke) {
        if (shape.points().size() < 2) {
            return;
        }
        Path2D.Double path = new Path2D.Double();
        Overlay.Vertex first = shape.points().get(0);
        path.moveTo(first.x() * w, first.y() * h);
        for (Overlay.Vertex v : shape.points().subList(1, shape.points().size())) {
            path.lineTo(v.x() * w, v.y() * h);
        }
        Color colour = shape.closed() ? ZONE : LINE;
        if (shape.closed()) {
            path.closePath();
            g.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 48));
            g.fill(path);
        }
        g.setColor(colour);
        g.draw(path);
        if (!shape.closed()) {
            arrowHead(g, shape, w, h, stroke);
        }
        g.drawString(shape.name(), (float) Math.max(2, Math.min(w - 40, first.x() * w + 4)),
                (float) Math.max(g.getFontMetrics().getAscent(), Math.min(h - 4, first.y() * h + g.getFontMetrics().getAscent())));
    }

    private static void arrowHead(Graphics2D g, Overlay.Shape shape, int w, int h, float stroke) {
        int n = shape.points().size();
        Overlay.Vertex a = shape.points().get(n - 2);
        Overlay.Vertex b = shape.points().get(n - 1);
        double angle = Math.atan2((b.y() - a.y()) * h, (b.x() - a.x()) * w);
        double size = 6 * stroke;
        double bx = b.x() * w;
        double by = b.y() * h;
        Path2D.Double head = new Path2D.Double();
        head.moveTo(bx, by);
        head.lineTo(bx - size * Math.cos(angle - 0.45), by - size * Math.sin(angle - 0.45));
        head.lineTo(bx - size * Math.cos(angle + 0.45), by - size * Math.sin(angle + 0.45));
        head.closePath();
        g.fill(head);
    }
}
