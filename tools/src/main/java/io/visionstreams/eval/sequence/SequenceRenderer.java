package io.visionstreams.eval.sequence;

import io.visionstreams.eval.tracking.Box;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the frames of a {@link SequencePlan} with Java2D: the plain background, then each object's
 * patch, farthest first (the one whose box ends higher in the picture), so nearer objects hide
 * farther ones as in a camera's view. Also says how much of each object's box shows.
 */
final class SequenceRenderer {

    private final SequencePlan plan;
    private final Map<Integer, BufferedImage> scaled = new HashMap<>();

    SequenceRenderer(SequencePlan plan) {
        this.plan = plan;
    }

    /** The objects on {@code frame} (1-based), in drawing order (farthest first). */
    List<Placement> place(int frame) {
        List<Placement> out = new ArrayList<>();
        for (Mover m : plan.movers()) {
            if (!m.visibleAt(frame)) {
                continue;
            }
            BufferedImage patch = scaled.computeIfAbsent(m.id(), id -> scale(m));
            Rectangle2D o = m.sprite().object();
            double sx = patch.getWidth() / (double) m.sprite().patch().getWidth();
            double sy = patch.getHeight() / (double) m.sprite().patch().getHeight();
            double ox = (m.mirrored() ? m.sprite().patch().getWidth() - o.getX() - o.getWidth() : o.getX()) * sx;
            double oy = o.getY() * sy;
            double ow = o.getWidth() * sx;
            double oh = o.getHeight() * sy;
            double[] a = m.anchor(frame);
            int x = (int) Math.round(a[0] * plan.width() - ox - ow / 2);
            int y = (int) Math.round(a[1] * plan.height() - oy - oh);
            out.add(new Placement(m, patch, x, y, new Box(x + ox, y + oy, ow, oh)));
        }
        out.sort(Comparator.comparingDouble((Placement p) -> p.box().y() + p.box().h())
                .thenComparingInt(p -> p.mover().id()));
        return out;
    }

    /** The frame, as 8-bit BGR. */
    BufferedImage draw(List<Placement> placements) {
        BufferedImage frame = new BufferedImage(plan.width(), plan.height(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        g.setColor(plan.background());
        g.fillRect(0, 0, plan.width(), plan.height());
        placements.forEach(p -> g.drawImage(p.patch(), p.x(), p.y(), null));
        g.dispose();
        return frame;
    }

    /**
     * The share of the {@code i}-th placement's box that shows: its pixels inside the frame and under
     * no patch drawn after it, counted at pixel centres.
     */
    double visibility(List<Placement> placements, int i) {
        Box b = placements.get(i).box();
        int total = 0;
        int shown = 0;
        for (int py = (int) Math.floor(b.y()); py < Math.ceil(b.y() + b.h()); py++) {
            for (int px = (int) Math.floor(b.x()); px < Math.ceil(b.x() + b.w()); px++) {
                double cx = px + 0.5;
                double cy = py + 0.5;
                if (cx < b.x() || cx >= b.x() + b.w() || cy < b.y() || cy >= b.y() + b.h()) {
                    continue;
                }
                total++;
                boolean inside = cx >= 0 && cy >= 0 && cx < plan.width() && cy < plan.height();
                boolean covered = false;
                for (int j = i + 1; j < placements.size() && !covered; j++) {
                    covered = placements.get(j).covers(cx, cy);
                }
                shown += inside && !covered ? 1 : 0;
            }
        }
        return total == 0 ? 0 : shown / (double) total;
    }

    private static BufferedImage scale(Mover m) {
        BufferedImage src = m.sprite().patch();
        int w = Math.max(1, (int) Math.round(src.getWidth() * m.scale()));
        int h = Math.max(1, (int) Math.round(src.getHeight() * m.scale()));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        if (m.mirrored()) {
            g.drawImage(src, w, 0, -w, h, null);
        } else {
            g.drawImage(src, 0, 0, w, h, null);
        }
        g.dispose();
        return out;
    }
}
