package io.visionstreams.results;

import io.visionstreams.inference.segmentation.SegmentationResult;

/** TEMPORARY until the segmentation branch lands (it brings LabelMapPng). */
final class LabelMapPngPlaceholder {
    private LabelMapPngPlaceholder() {}

    static byte[] encode(SegmentationResult r) {
        throw new UnsupportedOperationException("segmentation not merged yet");
    }
}
