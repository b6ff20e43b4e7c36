package io.visionstreams.tracking;

/** One detected object of a frame, as the tracker sees it: its class, score and box. */
public record Detection(int classId, String label, double score, Box box) {}
