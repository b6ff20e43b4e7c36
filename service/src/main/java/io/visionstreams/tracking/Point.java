package io.visionstreams.tracking;

/** A point in normalized image coordinates. */
public record Point(double x, double y) {}
