package io.visionstreams.ingest;

import io.visionstreams.avro.ImageEvent;

/**
 * A decoded input: the event, its image, and the source record it came from. Passed in memory
 * from the decode step to every enabled task, never re-serialized.
 */
public record Frame(ImageEvent event, RgbImage image, SourceRecord source) {}
