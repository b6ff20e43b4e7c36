package io.visionstreams.tracking;

/** A track's state against one zone: in or out, and a change waiting for inertia. */
final class ZoneMembership {
    boolean inside;
    /** Frames in a row the anchor disagreed with {@link #inside}; 0: none. */
    int run;
    Candidate candidate;
    /** captured_at of the frame the current visit was first seen on. */
    long enteredAt;
    boolean loiteringReported;
}
