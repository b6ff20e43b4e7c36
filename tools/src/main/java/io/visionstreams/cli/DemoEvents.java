package io.visionstreams.cli;

import io.visionstreams.avro.ObjectEvent;
import io.visionstreams.client.Outcome;
import java.io.PrintWriter;

/**
 * The demo's live line per object event, printed as it arrives, e.g.
 * {@code event line_crossed  cam-1 #3 person gate left->right  at cam-1/42} (the frame it was first seen on).
 */
final class DemoEvents {

    private DemoEvents() {}

    static void print(PrintWriter console, Outcome o) {
        if (!(o.record() instanceof ObjectEvent e)) {
            return;
        }
        StringBuilder s = new StringBuilder(String.format("event %-13s %s #%d %s", e.getType(), e.getSourceId(),
                e.getTrackId(), e.getLabel()));
        if (e.getLine() != null) {
            s.append(' ').append(e.getLine()).append(' ').append(e.getFromSide()).append("->").append(e.getToSide());
        }
        if (e.getZone() != null) {
            s.append(' ').append(e.getZone());
        }
        if (e.getDwellMs() != null) {
            s.append(String.format(" after %.1f s", e.getDwellMs() / 1000.0));
        }
        if (e.getDurationMs() != null) {
            s.append(String.format(" after %.1f s, best frame %s", e.getDurationMs() / 1000.0, e.getBestEventId()));
        }
        s.append("  at ").append(e.getEventId()); // the frame the change was first seen on
        console.println(s);
        console.flush();
    }
}
