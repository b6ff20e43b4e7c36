package io.visionstreams.eval.report;

import java.util.List;
import java.util.Locale;

/**
 * Small inline SVG charts for the offline report: line chart, horizontal bars, histogram. Written
 * directly (the page must work without network or JavaScript; SVG needs neither).
 */
final class Svg {

    /** Tableau 10, as the annotated previews use. */
    static final String[] COLOURS = {"#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1",
            "#FF9DA7", "#9C755F", "#BAB0AC"};

    /** One line: points (x[i], y[i]); width in pixels. */
    record Series(String name, double[] x, double[] y, String colour, double width) {}

    /** One bar row: a label and one value per series (NaN: none). */
    record Bar(String label, double[] values) {}

    private Svg() {}

    /** Axes 0..1 on both sides (recall, precision), a legend on the right. */
    static String lineChart(String cssClass, List<Series> series, String xLabel, String yLabel) {
        int w = 560;
        int h = 320;
        int l = 48;
        int t = 12;
        int pw = 340;
        int ph = 260;
        StringBuilder s = open(cssClass, w, h);
        axes(s, l, t, pw, ph, xLabel, yLabel);
        for (Series line : series) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < line.x().length; i++) {
                pts.append(fmt(l + line.x()[i] * pw)).append(',').append(fmt(t + ph - line.y()[i] * ph)).append(' ');
            }
            s.append("<polyline class=\"curve\" fill=\"none\" stroke=\"").append(line.colour())
                    .append("\" stroke-width=\"").append(fmt(line.width())).append("\" points=\"")
                    .append(pts.toString().trim()).append("\"><title>").append(Html.escape(line.name()))
                    .append("</title></polyline>\n");
        }
        int y = t + 8;
        for (Series line : series.subList(0, Math.min(series.size(), 14))) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"%s\" fill=\"%s\"/>",
                    l + pw + 20, y - 6, fmt(Math.max(2, line.width())), line.colour()));
            s.append(text(l + pw + 40, y, "start", line.name(), "legend"));
            y += 18;
        }
        return s.append("</svg>").toString();
    }

    /** Horizontal bars over 0..1, one row per label, one bar per series in it. */
    static String bars(String cssClass, List<Bar> rows, List<String> seriesNames) {
        int barH = 14;
        int k = seriesNames.size();
        int rowH = k * barH + 8;
        int l = 150;
        int pw = 330;
        int t = k > 1 ? 6 + 18 * k : 6;
        int h = t + rows.size() * rowH + 24;
        StringBuilder s = open(cssClass, l + pw + 70, h);
        if (k > 1) {
            for (int i = 0; i < k; i++) {
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                        l, 4 + 18 * i, COLOURS[i]));
                s.append(text(l + 16, 14 + 18 * i, "start", seriesNames.get(i), "legend"));
            }
        }
        for (int g = 0; g <= 4; g++) {
            double x = l + pw * g / 4.0;
            s.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\"/>",
                    fmt(x), t, fmt(x), h - 20));
            s.append(text(x, h - 6, "middle", fmt(g / 4.0), "tick"));
        }
        int y = t;
        for (Bar row : rows) {
            String label = row.label().length() > 24 ? row.label().substring(0, 23) + "…" : row.label();
            s.append(text(l - 6, y + rowH / 2.0 + 4, "end", label, "label"));
            for (int i = 0; i < k; i++) {
                double v = row.values()[i];
                if (Double.isNaN(v)) {
                    continue;
                }
                s.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%s\" height=\"%d\""
                        + " fill=\"%s\"><title>%s: %.4f</title></rect>", l, y + 4 + i * barH, fmt(Math.max(1, v * pw)),
                        barH - 2, COLOURS[i], Html.escape(row.label()), v));
                s.append(text(l + Math.max(1, v * pw) + 4, y + 4 + i * barH + barH - 4, "start",
                        String.format(Locale.ROOT, "%.3f", v), "value"));
            }
            y += rowH;
        }
        return s.append("</svg>").toString();
    }

    /** Counts of values in equal bins from 0 to the largest value, with p50/p95/p99 marks. */
    static String histogram(String cssClass, List<double[]> samples, List<String> names, String xLabel) {
        int w = 560;
        int h = 260;
        int l = 48;
        int t = 24;
        int pw = 480;
        int ph = 190;
        double max = 0;
        for (double[] v : samples) {
            for (double x : v) {
                max = Math.max(max, x);
            }
        }
        max = max <= 0 ? 1 : niceCeiling(max);
        int bins = 30;
        int[][] counts = new int[samples.size()][bins];
        int top = 1;
        for (int sIdx = 0; sIdx < samples.size(); sIdx++) {
            for (double x : samples.get(sIdx)) {
                int b = Math.min(bins - 1, (int) (x / max * bins));
                top = Math.max(top, ++counts[sIdx][b]);
            }
        }
        StringBuilder s = open(cssClass, w, h);
        s.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", l, t + ph,
                l + pw, t + ph));
        s.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", l, t, l,
                t + ph));
        for (int g = 0; g <= 5; g++) {
            double x = l + pw * g / 5.0;
            s.append(text(x, t + ph + 14, "middle", fmt(max * g / 5), "tick"));
        }
        s.append(text(l - 6, t + 4, "end", Integer.toString(top), "tick"));
        s.append(text(l - 6, t + ph, "end", "0", "tick"));
        s.append(text(l + pw / 2.0, h - 4, "middle", xLabel, "axis-label"));
        for (int sIdx = 0; samples.size() > 1 && sIdx < samples.size(); sIdx++) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"4\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                    l + 10 + 200 * sIdx, COLOURS[sIdx]));
            s.append(text(l + 26 + 200 * sIdx, 14, "start", names.get(sIdx) + " (" + samples.get(sIdx).length + ")",
                    "legend"));
        }
        double bw = (double) pw / bins / samples.size();
        for (int sIdx = 0; sIdx < samples.size(); sIdx++) {
            for (int b = 0; b < bins; b++) {
                if (counts[sIdx][b] == 0) {
                    continue;
                }
                double bh = (double) counts[sIdx][b] / top * ph;
                s.append(String.format(Locale.ROOT, "<rect class=\"bin\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\""
                        + " fill=\"%s\"><title>%s: %d in [%s, %s) ms</title></rect>",
                        fmt(l + (double) pw * b / bins + sIdx * bw), fmt(t + ph - bh), fmt(Math.max(1, bw - 1)),
                        fmt(bh), COLOURS[sIdx], Html.escape(names.get(sIdx)), counts[sIdx][b], fmt(max * b / bins),
                        fmt(max * (b + 1) / bins)));
            }
            double[] sorted = samples.get(sIdx).clone();
            java.util.Arrays.sort(sorted);
            int p = 0;
            for (double q : new double[] {0.5, 0.95, 0.99}) {
                if (sorted.length == 0) {
                    break;
                }
                double v = sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
                double x = l + v / max * pw;
                s.append(String.format(Locale.ROOT, "<line class=\"mark\" x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\""
                        + " stroke=\"%s\"/>", fmt(x), t, fmt(x), t + ph, COLOURS[sIdx]));
                s.append(text(x + 3, t + 10 + 13 * (p++ + 3 * sIdx), "start",
                        String.format(Locale.ROOT, "p%.0f %.0f ms", q * 100, v), "mark-label"));
            }
        }
        return s.append("</svg>").toString();
    }

    private static void axes(StringBuilder s, int l, int t, int pw, int ph, String xLabel, String yLabel) {
        for (int g = 0; g <= 10; g += 2) {
            double x = l + pw * g / 10.0;
            double y = t + ph - ph * g / 10.0;
            s.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\"/>",
                    fmt(x), t, fmt(x), t + ph));
            s.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%s\" x2=\"%d\" y2=\"%s\"/>",
                    l, fmt(y), l + pw, fmt(y)));
            s.append(text(x, t + ph + 14, "middle", fmt(g / 10.0), "tick"));
            s.append(text(l - 6, y + 4, "end", fmt(g / 10.0), "tick"));
        }
        s.append(text(l + pw / 2.0, t + ph + 32, "middle", xLabel, "axis-label"));
        s.append(String.format(Locale.ROOT, "<text class=\"axis-label\" transform=\"translate(12 %s) rotate(-90)\""
                + " text-anchor=\"middle\">%s</text>", fmt(t + ph / 2.0), Html.escape(yLabel)));
    }

    private static StringBuilder open(String cssClass, int w, int h) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg class=\"chart %s\""
                + " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">%n", cssClass, w, h, w, h));
    }

    private static String text(double x, double y, String anchor, String content, String cssClass) {
        return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%s\" y=\"%s\" text-anchor=\"%s\">%s</text>",
                cssClass, fmt(x), fmt(y), anchor, Html.escape(content));
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= v) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
