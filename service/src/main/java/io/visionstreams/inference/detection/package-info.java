/**
 * Object detection (SSD, COCO): decoded frames in, {@code DetectionResult}s out.
 * {@link io.visionstreams.inference.detection.DetectionTranslator} turns a frame into the network's
 * input ({@code DetectorInput}: TF.js's resize for SSDLite, OpenCV's for TFLite models) and the raw
 * outputs into detections ({@code DetectionPostprocessor}): boxes decoded against the anchors stored
 * beside the converted model ({@code SsdAnchors}, {@code BoxDecoder}, {@code BoxCoder}), then score
 * threshold and non-maximum suppression ({@code NonMaxSuppression}) — configured by
 * {@code DetectionOptions} for SSDLite ({@code SsdPostprocessor}), or as the model's own
 * {@code TFLite_Detection_PostProcess} op says ({@code PostProcessOptions}, {@code TflitePostprocessor},
 * served by {@code TfliteOpTranslation}). Class ids are COCO's 90-id map ({@code CocoLabels}).
 */
package io.visionstreams.inference.detection;
