package io.visionstreams.inference.segmentation;

/** How much of a label map one class covers: VOC class index, label, fraction of pixels in (0,1]. */
public record ClassFraction(int index, String label, float fraction) {}
