package io.visionstreams.eval.report;

import io.visionstreams.eval.tracking.EventScore;
import io.visionstreams.eval.tracking.EventTruth;
import io.visionstreams.eval.tracking.ObjectEventRow;
import io.visionstreams.eval.tracking.TrackRow;
import io.visionstreams.eval.tracking.TrackingEvaluation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Per-track timelines as inline SVG: one row per ground-truth object over the frames (grey where it
 * is present and no track matches it, coloured by the matched track, a black tick at each ID
 * switch), then one row per track the identity matching pairs with no object (the last 30); expected events as open triangles above
 * their object's row, reported events as dots (filled when found, red when false), missed ones as a red cross.
 */
final class TrackingTimelines {

    private static final int LEFT = 150;
    private static final int ROW = 26;
    private static final int WIDTH = 1100;
    /** Rows for unpaired tracks at most (the last ones): a poor tracker has hundreds. */
    private static final int MAX_UNPAIRED = 30;

    private TrackingTimelines() {}

    static String svg(TrackingEvaluation e) {
        List<Integer> frames = e.sequence().frames();
        int first = frames.isEmpty() ? 1 : frames.get(0);
        int last = frames.isEmpty() ? 1 : frames.get(frames.size() - 1);
        double step = (WIDTH - LEFT - 20) / (double) Math.max(1, last - first + 1);
        Map<Long, Map<Integer, Long>> matches = e.clear().matches();
        Set<Long> paired = e.identity().truthOfTrack().keySet();
        Map<Long, List<Integer>> loneTracks = new LinkedHashMap<>();
        e.sequence().tracks().forEach((f, rows) -> rows.stream().map(TrackRow::trackId).filter(t -> !paired.contains(t))
                .forEach(t -> loneTracks.computeIfAbsent(t, k -> new ArrayList<>()).add(f)));
        while (loneTracks.size() > MAX_UNPAIRED) {
            loneTracks.remove(loneTracks.keySet().iterator().next());
        }
        int rows = matches.size() + loneTracks.size();
        int height = 40 + ROW * Math.max(1, rows);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "<svg class=\"chart timelines\" viewBox=\"0 0 %d %d\""
                + " width=\"%d\" height=\"%d\" role=\"img\">%n", WIDTH, height, WIDTH, height));
        for (int f = first; f <= last; f += Math.max(1, (last - first) / 10)) {
            double x = LEFT + (f - first) * step;
            s.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%s\" y1=\"14\" x2=\"%s\" y2=\"%d\"/>"
                    + "<text x=\"%s\" y=\"12\" text-anchor=\"middle\">%d</text>%n", Svg.fmt(x), Svg.fmt(x), height - 4,
                    Svg.fmt(x), f));
        }
        Map<Long, String> colourOfTrack = new HashMap<>();
        Map<Long, Integer> rowOfObject = new HashMap<>();
        int row = 0;
        for (Map.Entry<Long, Map<Integer, Long>> object : matches.entrySet()) {
            double y = 22 + row * ROW;
            rowOfObject.put(object.getKey(), row++);
            s.append(label(y, "object " + object.getKey()));
            Long previous = null;
            for (Map.Entry<Integer, Long> at : object.getValue().entrySet()) {
                double x = LEFT + (at.getKey() - first) * step;
                Long track = at.getValue();
                String colour = track == null ? "#d1d5db" : colourOfTrack.computeIfAbsent(track,
                        t -> Svg.COLOURS[colourOfTrack.size() % Svg.COLOURS.length]);
                s.append(rect(x, y + 6, step, 10, colour, track == null ? "no track" : "track " + track, at.getKey()));
                if (track != null && previous != null && !track.equals(previous)) {
                    s.append(String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#111\""
                            + " stroke-width=\"2\"><title>ID switch to track %d</title></line>%n", Svg.fmt(x),
                            Svg.fmt(y + 2), Svg.fmt(x), Svg.fmt(y + 20), track));
                }
                if (track != null && !track.equals(previous)) {
                    s.append(text(x + 2, y + 26, "t" + track));
                }
                previous = track != null ? track : previous;
            }
        }
        Map<Long, Integer> rowOfTrack = new HashMap<>();
        e.identity().truthOfTrack().forEach((track, object) -> rowOfTrack.put(track, rowOfObject.get(object)));
        for (Map.Entry<Long, List<Integer>> track : loneTracks.entrySet()) {
            rowOfTrack.put(track.getKey(), row);
            double y = 22 + row++ * ROW;
            s.append(label(y, "track " + track.getKey() + " (unpaired)"));
            for (int f : track.getValue()) {
                s.append(rect(LEFT + (f - first) * step, y + 6, step, 10, "#fca5a5", "unpaired track " + track.getKey(), f));
            }
        }
        if (e.events() != null) {
            events(s, e.events(), rowOfObject, rowOfTrack, first, step);
        }
        return s.append("</svg>\n").toString();
    }

    /** Expected, found and missed events on their object's row; a false one on its track's (when it has one). */
    private static void events(StringBuilder s, EventScore ev, Map<Long, Integer> rowOfObject,
                               Map<Long, Integer> rowOfTrack, int first, double step) {
        for (EventTruth t : ev.truth()) {
            Integer row = rowOfObject.get(t.gtId());
            if (row != null) {
                double x = LEFT + (t.frame() - first + 0.5) * step;
                double y = 22 + row * ROW;
                s.append(String.format(Locale.ROOT, "<path d=\"M%s %s l-4 -7 h8 z\" fill=\"none\" stroke=\"#111\">"
                        + "<title>expected %s</title></path>%n", Svg.fmt(x), Svg.fmt(y + 5), describe(t)));
            }
        }
        for (EventScore.Match m : ev.matches()) {
            dot(s, m.reported(), rowOfObject.get(m.truth().gtId()), first, step, "#15803d", "found: " + describe(m.truth()));
        }
        for (EventTruth t : ev.missed()) {
            Integer row = rowOfObject.get(t.gtId());
            if (row != null) {
                double x = LEFT + (t.frame() - first + 0.5) * step;
                double y = 22 + row * ROW + 11;
                s.append(String.format(Locale.ROOT, "<path d=\"M%s %s l8 8 m0 -8 l-8 8\" stroke=\"#b91c1c\""
                        + " stroke-width=\"2\"><title>missed %s</title></path>%n", Svg.fmt(x - 4), Svg.fmt(y - 4), describe(t)));
            }
        }
        for (EventScore.Spurious f : ev.spurious()) {
            ObjectEventRow r = f.reported();
            dot(s, r, rowOfTrack.get(r.trackId()), first, step, "#b91c1c",
                    "false: " + r.type() + " " + r.name() + " track " + r.trackId() + " (" + f.reason() + ")");
        }
    }

    private static void dot(StringBuilder s, ObjectEventRow e, Integer row, int first, double step, String colour,
                            String title) {
        if (row == null) {
            return;
        }
        double x = LEFT + (e.frame() - first + 0.5) * step;
        s.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"4\" fill=\"%s\"><title>%s</title></circle>%n",
                Svg.fmt(x), Svg.fmt(22 + row * ROW + 11), colour, Html.escape(title + ", frame " + e.frame())));
    }

    private static String describe(EventTruth t) {
        return Html.escape(t.type() + " " + t.name() + " object " + t.gtId() + " frame " + t.frame()
                + (t.crossing() ? " (" + t.fromSide() + " to " + t.toSide() + ")" : ""));
    }

    private static String label(double y, String text) {
        return String.format(Locale.ROOT, "<text x=\"4\" y=\"%s\">%s</text>%n", Svg.fmt(y + 15), Html.escape(text));
    }

    private static String text(double x, double y, String text) {
        return String.format(Locale.ROOT, "<text class=\"value\" x=\"%s\" y=\"%s\">%s</text>%n", Svg.fmt(x), Svg.fmt(y),
                Html.escape(text));
    }

    private static String rect(double x, double y, double w, double h, String colour, String title, int frame) {
        return String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"><title>frame %d:"
                + " %s</title></rect>%n", Svg.fmt(x), Svg.fmt(y), Svg.fmt(w + 0.3), Svg.fmt(h), colour, frame,
                Html.escape(title));
    }
}
