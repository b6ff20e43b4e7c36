package io.visionstreams.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * COCO box evaluation as the COCO toolkit ({@code pycocotools.cocoeval.COCOeval}, iouType "bbox")
 * defines it, for area range "all" and at most {@link #MAX_DETS} detections per image and category.
 * In: per image (in the order given, which breaks score ties as the toolkit's sorted image ids do)
 * its ground truth and detections. Per category and image: detections by descending score (stable),
 * each matched at every IoU threshold to the unmatched ground truth it overlaps most with IoU ≥ the
 * threshold, non-crowd objects before crowd ones (a crowd may absorb many detections; a detection on
 * a crowd or other ignored object is ignored). Per category over all images: detections by
 * descending score (stable), cumulative precision made monotone from the right, sampled at the 101
 * recall thresholds 0, 0.01, ..., 1 (the first point with recall ≥ the threshold; 0 beyond the last
 * recall reached). Categories without a non-ignored ground-truth object count in no average.
 * No Java library does this; written to the toolkit's published definition.
 */
public final class CocoEval {

    public static final int MAX_DETS = 100;
    /** 0.50, 0.55, ..., 0.95 (the toolkit's {@code np.linspace(.5, .95, 10)} rounded to 2 decimals). */
    public static final double[] IOU_THRESHOLDS = {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95};
    public static final double[] RECALL_THRESHOLDS = recallThresholds();
    /** Area range "all": [0, 1e5²]. */
    private static final double MAX_AREA = 1e10;
    private static final double EPS = Math.ulp(1.0); // np.spacing(1)

    /** One image: its ground truth and detections (pixels). */
    public record Image(String id, List<CocoBox> truth, List<CocoBox> detections) {}

    /** Per image at IoU 0.5: true positives, false positives and missed objects (ignored ones left out). */
    public record ImageCounts(int truePositives, int falsePositives, int missed) {}

    /** Per category: AP over the 10 thresholds, AP50, AP75, non-ignored objects, and the 101-point precision at IoU 0.5. */
    public record CategoryResult(int categoryId, double ap, double ap50, double ap75, int objects,
                                 double[] precision50, double recall50) {}

    private final List<CategoryResult> categories = new ArrayList<>();
    private final Map<String, int[]> imageCounts = new java.util.LinkedHashMap<>();

    private CocoEval() {}

    /**
     * @param categoryIds the categories evaluated (the ground truth's); detections of others are left out
     */
    public static CocoEval evaluate(List<Image> images, Iterable<Integer> categoryIds) {
        CocoEval eval = new CocoEval();
        for (Image image : images) {
            eval.imageCounts.put(image.id(), new int[3]);
        }
        for (int category : new TreeSet<Integer>(toList(categoryIds))) {
            List<PerImage> perImage = new ArrayList<>();
            for (Image image : images) {
                PerImage e = evaluateImage(image, category);
                if (e != null) {
                    perImage.add(e);
                    int[] counts = eval.imageCounts.get(image.id());
                    for (int d = 0; d < e.scores.length; d++) {
                        if (!e.dtIgnored[0][d]) {
                            counts[e.dtMatched[0][d] ? 0 : 1]++;
                        }
                    }
                    for (int g = 0; g < e.gtIgnored.length; g++) {
                        counts[2] += !e.gtIgnored[g] && !e.gtMatched[g] ? 1 : 0;
                    }
                }
            }
            CategoryResult r = accumulate(category, perImage);
            if (r != null) {
                eval.categories.add(r);
            }
        }
        return eval;
    }

    /** Categories with at least one non-ignored ground-truth object, by id. */
    public List<CategoryResult> categories() {
        return List.copyOf(categories);
    }

    /** mAP@[.5:.95]: the mean over categories and thresholds of the mean interpolated precision; NaN without objects. */
    public double map() {
        return categories.stream().mapToDouble(CategoryResult::ap).average().orElse(Double.NaN);
    }

    public double ap50() {
        return categories.stream().mapToDouble(CategoryResult::ap50).average().orElse(Double.NaN);
    }

    public double ap75() {
        return categories.stream().mapToDouble(CategoryResult::ap75).average().orElse(Double.NaN);
    }

    /** Mean over categories of the 101-point precision at IoU 0.5 (the set's precision–recall curve). */
    public double[] meanPrecision50() {
        double[] mean = new double[RECALL_THRESHOLDS.length];
        for (CategoryResult c : categories) {
            for (int r = 0; r < mean.length; r++) {
                mean[r] += c.precision50()[r] / categories.size();
            }
        }
        return mean;
    }

    public ImageCounts counts(String imageId) {
        int[] c = imageCounts.get(imageId);
        return c == null ? null : new ImageCounts(c[0], c[1], c[2]);
    }

    /** The toolkit's per-image, per-category matching (evaluateImg). */
    private static final class PerImage {
        double[] scores;
        boolean[][] dtMatched;
        boolean[][] dtIgnored;
        boolean[] gtIgnored;
        boolean[] gtMatched; // at IoU 0.5
    }

    private static PerImage evaluateImage(Image image, int category) {
        List<CocoBox> gt = new ArrayList<>(image.truth().stream().filter(b -> b.categoryId() == category).toList());
        List<CocoBox> dt = new ArrayList<>(image.detections().stream().filter(b -> b.categoryId() == category)
                .toList());
        if (gt.isEmpty() && dt.isEmpty()) {
            return null;
        }
        gt.sort(Comparator.comparingInt(g -> ignored(g) ? 1 : 0)); // stable: ignored last
        dt.sort(Comparator.comparingDouble(d -> -d.score()));       // stable, like mergesort
        if (dt.size() > MAX_DETS) {
            dt = dt.subList(0, MAX_DETS);
        }
        int t = IOU_THRESHOLDS.length;
        int nd = dt.size();
        int ng = gt.size();
        PerImage e = new PerImage();
        e.scores = dt.stream().mapToDouble(CocoBox::score).toArray();
        e.dtMatched = new boolean[t][nd];
        e.dtIgnored = new boolean[t][nd];
        e.gtIgnored = new boolean[ng];
        for (int g = 0; g < ng; g++) {
            e.gtIgnored[g] = ignored(gt.get(g));
        }
        double[][] ious = new double[nd][ng];
        for (int d = 0; d < nd; d++) {
            for (int g = 0; g < ng; g++) {
                ious[d][g] = gt.get(g).iou(dt.get(d));
            }
        }
        for (int ti = 0; ti < t; ti++) {
            boolean[] gtTaken = new boolean[ng];
            for (int d = 0; d < nd; d++) {
                double best = Math.min(IOU_THRESHOLDS[ti], 1 - 1e-10);
                int m = -1;
                for (int g = 0; g < ng; g++) {
                    if (gtTaken[g] && !gt.get(g).crowd()) {
                        continue;
                    }
                    if (m > -1 && !e.gtIgnored[m] && e.gtIgnored[g]) {
                        break; // matched a regular object: ignored ones (sorted last) cannot take it
                    }
                    if (ious[d][g] < best) {
                        continue;
                    }
                    best = ious[d][g];
                    m = g;
                }
                if (m == -1) {
                    continue;
                }
                e.dtIgnored[ti][d] = e.gtIgnored[m];
                e.dtMatched[ti][d] = true;
                gtTaken[m] = true;
            }
            if (ti == 0) {
                e.gtMatched = gtTaken;
            }
            for (int d = 0; d < nd; d++) {
                double area = dt.get(d).area();
                e.dtIgnored[ti][d] |= !e.dtMatched[ti][d] && (area < 0 || area > MAX_AREA);
            }
        }
        return e;
    }

    private static boolean ignored(CocoBox g) {
        return g.crowd() || g.area() < 0 || g.area() > MAX_AREA;
    }

    /** The toolkit's accumulate() for one category, area "all", maxDets 100; null without objects. */
    private static CategoryResult accumulate(int category, List<PerImage> perImage) {
        if (perImage.isEmpty()) {
            return null;
        }
        List<int[]> order = new ArrayList<>(); // (image, detection), concatenated in image order
        int objects = 0;
        for (int i = 0; i < perImage.size(); i++) {
            PerImage e = perImage.get(i);
            for (int d = 0; d < e.scores.length; d++) {
                order.add(new int[] {i, d});
            }
            for (boolean ig : e.gtIgnored) {
                objects += ig ? 0 : 1;
            }
        }
        if (objects == 0) {
            return null;
        }
        order.sort(Comparator.comparingDouble(id -> -perImage.get(id[0]).scores[id[1]])); // stable
        int t = IOU_THRESHOLDS.length;
        int r = RECALL_THRESHOLDS.length;
        double[][] precision = new double[t][r];
        double recall50 = 0;
        for (int ti = 0; ti < t; ti++) {
            int nd = order.size();
            double[] rc = new double[nd];
            double[] pr = new double[nd];
            double tp = 0;
            double fp = 0;
            int n = 0;
            for (int[] id : order) {
                PerImage e = perImage.get(id[0]);
                boolean ignored = e.dtIgnored[ti][id[1]];
                boolean matched = e.dtMatched[ti][id[1]];
                tp += matched && !ignored ? 1 : 0;
                fp += !matched && !ignored ? 1 : 0;
                rc[n] = tp / objects;
                pr[n] = tp / (fp + tp + EPS);
                n++;
            }
            if (ti == 0) {
                recall50 = nd == 0 ? 0 : rc[nd - 1];
            }
            for (int i = nd - 1; i > 0; i--) {
                if (pr[i] > pr[i - 1]) {
                    pr[i - 1] = pr[i];
                }
            }
            int pi = 0;
            for (int ri = 0; ri < r; ri++) {
                while (pi < nd && rc[pi] < RECALL_THRESHOLDS[ri]) {
                    pi++; // searchsorted(rc, threshold, side="left")
                }
                if (pi == nd) {
                    break; // beyond the last recall reached: precision stays 0
                }
                precision[ti][ri] = pr[pi];
            }
        }
        return new CategoryResult(category, mean(precision), mean(precision[0]), mean(precision[5]), objects,
                precision[0], recall50);
    }

    private static double mean(double[][] values) {
        double sum = 0;
        int n = 0;
        for (double[] row : values) {
            for (double v : row) {
                sum += v;
                n++;
            }
        }
        return sum / n;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double[] recallThresholds() {
        double[] thresholds = new double[101];
        for (int i = 0; i < 100; i++) {
            thresholds[i] = i * 0.01; // as np.linspace(0, 1, 101) computes them
        }
        thresholds[100] = 1.0;
        return thresholds;
    }

    private static List<Integer> toList(Iterable<Integer> ids) {
        List<Integer> list = new ArrayList<>();
        ids.forEach(list::add);
        return list;
    }
}
