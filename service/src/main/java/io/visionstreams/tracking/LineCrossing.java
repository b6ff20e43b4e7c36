package io.visionstreams.tracking;

/** A track's state against one line: a crossing waiting for inertia (the anchor not crossing back). */
final class LineCrossing {
    /** Frames the anchor has stayed on the new side since the crossing; 0: no crossing pending. */
    int run;
    Candidate candidate;
}
