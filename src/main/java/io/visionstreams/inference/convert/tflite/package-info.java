/**
 * TFLite models to MXNet: a hand-written reader of the {@code .tflite} flatbuffer (tensors,
 * quantization, operators and their options) and {@link io.visionstreams.inference.convert.tflite.TfliteConverter},
 * which turns MobileNetV2, DeepLabv3 and SSD-MobileNetV1 graphs into a float32 NCHW MXNet graph that
 * reproduces TF's padding and resize semantics exactly. A detector's graph is converted up to its
 * {@code TFLite_Detection_PostProcess} op ({@code DetectionPostProcessOp}); its per-anchor rows are
 * kept in the order the flipped network leaves them, with a row map ({@code RowOps}).
 */
package io.visionstreams.inference.convert.tflite;
