/**
 * Object detection (SSDLite-MobileNetV2, COCO): decoded frames in, {@code DetectionResult}s out.
 * {@link io.visionstreams.inference.detection.DetectionTranslator} resizes and normalizes as the
 * TF.js graph does ({@code SsdImageInput}), then decodes boxes against the anchors stored beside the
 * converted model ({@code SsdAnchors}, {@code BoxDecoder}) and applies the score threshold and
 * non-maximum suppression ({@code SsdPostprocessor}, {@code NonMaxSuppression}) configured by
 * {@code DetectionOptions}.
 */
package io.visionstreams.inference.detection;
