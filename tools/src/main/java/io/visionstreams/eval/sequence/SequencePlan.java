package io.visionstreams.eval.sequence;

import io.visionstreams.eval.tracking.ZonesFile;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * What a sequence shows, drawn from a seed: a directed line "gate" across the picture at about a
 * third of its width, from the bottom to the top (so its left side is the picture's left), a zone
 * "yard" on the right, and five objects: a person crossing the gate left to right along the bottom;
 * a zebra or giraffe crossing it right to left higher up (farther away; the two pass each other right
 * of the gate, away from either crossing, and the nearer hides the lower part of the farther);
 * a second, smaller person walking down through the yard (in and out of it, never meeting the gate);
 * the other of zebra and giraffe lingering at the top; a potted plant the evaluation ignores
 * (flag 0). Positions, sizes, timing, the front one of the crossing pair, mirroring, the gate's and
 * the yard's places and the background vary with the seed; every object starts and ends outside the
 * yard and away from the gate.
 */
public record SequencePlan(long seed, int width, int height, int fps, int frames, Color background,
                           ZonesFile.Geometry geometry, List<Mover> movers) {

    public static final String LINE = "gate";
    public static final String ZONE = "yard";

    public static SequencePlan draw(Path images, long seed, int width, int height, int fps, int frames)
            throws IOException {
        if (frames < 40) {
            throw new IllegalArgumentException("a sequence needs at least 40 frames, got " + frames);
        }
        Random r = new Random(seed);
        Sprite person = Sprite.cut(images, "000000000036.jpg", 1, "person");
        Sprite zebra = Sprite.cut(images, "000000000034.jpg", 0, "zebra");
        Sprite giraffe = Sprite.cut(images, "000000000025.jpg", 0, "giraffe");
        Sprite plant = Sprite.cut(images, "000000000030.jpg", 0, "potted plant");
        double gate = 0.28 + 0.06 * r.nextDouble();
        double zx0 = 0.66 + 0.04 * r.nextDouble();
        double zx1 = 0.94 + 0.03 * r.nextDouble();
        double zy0 = 0.66 + 0.03 * r.nextDouble();
        double zy1 = 0.79 + 0.03 * r.nextDouble();
        double skew = 0.03 * r.nextDouble();
        ZonesFile.Geometry geometry = new ZonesFile.Geometry(
                List.of(new ZonesFile.Zone(ZONE, List.of(p(zx0 + skew, zy0), p(zx1, zy0), p(zx1, zy1), p(zx0, zy1)))),
                List.of(new ZonesFile.Line(LINE, List.of(p(gate, 1), p(gate, 0)))));
        boolean zebraCrosses = r.nextBoolean();
        boolean personInFront = r.nextBoolean();
        // the pair passes one above the other: the farther one's top stays in sight behind the nearer
        double front = 0.90 + 0.02 * r.nextDouble();
        double back = 0.52 + 0.04 * r.nextDouble();
        int n = frames;
        Mover walker = new Mover(1, person, true, height * (0.38 + 0.04 * r.nextDouble()), r.nextBoolean(),
                1 + r.nextInt(6), n - r.nextInt(6), 0.10 + 0.04 * r.nextDouble(), personInFront ? front : back,
                0.66 + 0.04 * r.nextDouble(), personInFront ? front : back);
        Sprite crossing = zebraCrosses ? zebra : giraffe;
        Sprite lingering = zebraCrosses ? giraffe : zebra;
        Mover crosser = new Mover(2, crossing, true, height * ((zebraCrosses ? 0.28 : 0.40) + 0.04 * r.nextDouble()),
                r.nextBoolean(), 3 + r.nextInt(8), n - 3 - r.nextInt(8), 0.80 - 0.03 * r.nextDouble(),
                personInFront ? back : front, 0.16 + 0.04 * r.nextDouble(), personInFront ? back : front);
        Mover visitor = new Mover(3, person, true, height * (0.38 + 0.03 * r.nextDouble()), r.nextBoolean(),
                n / 4 + r.nextInt(n / 12), 3 * n / 4 + r.nextInt(n / 12), 0.86 + 0.04 * r.nextDouble(),
                0.48 + 0.03 * r.nextDouble(), 0.84 + 0.04 * r.nextDouble(), 0.86 + 0.04 * r.nextDouble());
        Mover lingerer = new Mover(4, lingering, true, height * ((zebraCrosses ? 0.34 : 0.28) + 0.03 * r.nextDouble()),
                r.nextBoolean(), 1 + r.nextInt(4), n - r.nextInt(4), 0.60 + 0.04 * r.nextDouble(),
                0.40 + 0.02 * r.nextDouble(), 0.66 + 0.04 * r.nextDouble(), 0.42 + 0.02 * r.nextDouble());
        Mover ignored = new Mover(5, plant, false, height * (0.20 + 0.03 * r.nextDouble()), r.nextBoolean(),
                1, n, 0.10 + 0.03 * r.nextDouble(), 0.28, 0.13, 0.30 + 0.02 * r.nextDouble());
        int grey = 170 + r.nextInt(50);
        Color background = new Color(grey, Math.min(255, grey + r.nextInt(12)), Math.max(0, grey - r.nextInt(12)));
        return new SequencePlan(seed, width, height, fps, frames, background, geometry,
                List.of(walker, crosser, visitor, lingerer, ignored));
    }

    private static double[] p(double x, double y) {
        return new double[] {x, y};
    }
}
