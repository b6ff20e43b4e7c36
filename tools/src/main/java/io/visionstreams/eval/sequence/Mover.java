package io.visionstreams.eval.sequence;

/**
 * One object of a sequence and its path: on frames {@code first..last} (1-based) its anchor (the
 * bottom centre of its box, normalized) moves at constant speed from {@code (x0, y0)} to
 * {@code (x1, y1)}; before and after, it is not in the picture.
 *
 * @param id         its MOTChallenge id
 * @param considered false for an object the evaluation ignores (flag 0)
 * @param height     its box's height in pixels of the video
 * @param mirrored   drawn flipped left to right
 */
public record Mover(int id, Sprite sprite, boolean considered, double height, boolean mirrored, int first, int last,
                    double x0, double y0, double x1, double y1) {

    public boolean visibleAt(int frame) {
        return frame >= first && frame <= last;
    }

    /** The anchor at {@code frame}, normalized. */
    public double[] anchor(int frame) {
        double t = last == first ? 0 : (frame - first) / (double) (last - first);
        return new double[] {x0 + t * (x1 - x0), y0 + t * (y1 - y0)};
    }

    /** The scale from the sprite's pixels to the video's. */
    public double scale() {
        return height / sprite.object().getHeight();
    }
}
