package io.visionstreams.eval.tracking;

/**
 * One {@code "task": "object-events"} line of {@code results.jsonl}, as the contract names its facts.
 *
 * @param name  the line's or zone's name ({@code "line"} or {@code "zone"})
 * @param frame 1-based, of the event's {@code event_id} (the frame the change was first seen on)
 * @param from  the anchor before, normalized; null when the line has none
 * @param to    the anchor after, normalized; null when the line has none
 */
public record ObjectEventRow(String type, String sourceId, String eventId, int frame, long trackId, String label,
                             String name, double[] from, double[] to) {}
