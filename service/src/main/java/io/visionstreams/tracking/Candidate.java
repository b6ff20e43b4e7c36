package io.visionstreams.tracking;

/**
 * A zone or side change first seen on one frame and waiting for inertia to confirm it: that frame's
 * event_id and time, the anchors before and after, the track's score and box there, and (lines) the sides.
 */
record Candidate(String eventId, long at, Point from, Point to, double score, Box box, String fromSide,
                 String toSide) {}
