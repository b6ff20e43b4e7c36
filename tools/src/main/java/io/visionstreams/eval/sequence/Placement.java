package io.visionstreams.eval.sequence;

import io.visionstreams.eval.tracking.Box;
import java.awt.image.BufferedImage;

/**
 * Where one object is drawn on one frame: its scaled (and maybe mirrored) patch with its top-left
 * corner at whole pixels {@code (x, y)}, and the object's exact box in the frame's pixels.
 */
record Placement(Mover mover, BufferedImage patch, int x, int y, Box box) {

    boolean covers(double px, double py) {
        return px >= x && px < x + patch.getWidth() && py >= y && py < y + patch.getHeight();
    }
}
