package io.visionstreams.inference.detection;

import java.util.List;

/**
 * One frame's raw SSD outputs in — box encodings {@code [anchors(), 4]} and class scores
 * {@code [anchors(), columns()]} (column 0 = background) — its published detections out, highest
 * score first. Implementations: {@link SsdPostprocessor} (settings from configuration) and
 * {@link TflitePostprocessor} (the model's own {@code TFLite_Detection_PostProcess} op). Thread-safe.
 */
public interface DetectionPostprocessor {

    /** Rows of each frame's outputs. */
    int anchors();

    /** Score columns per row, background included. */
    int columns();

    /**
     * @param encodings       {@code (ty, tx, th, tw)} per row, from {@code encodingsOffset}
     * @param scores          {@link #columns()} per row, from {@code scoresOffset}
     */
    List<Detection> detections(float[] encodings, int encodingsOffset, float[] scores, int scoresOffset);
}
