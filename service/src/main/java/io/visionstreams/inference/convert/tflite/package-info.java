/**
 * TFLite models to MXNet: a hand-written reader of the {@code .tflite} flatbuffer (tensors,
 * quantization, operators and their options) and {@link io.visionstreams.inference.convert.tflite.TfliteConverter},
 * which turns MobileNetV2, DeepLabv3 and SSD-MobileNetV1 graphs into a float32 NCHW MXNet graph that
 * reproduces TF's padding and resize semantics exactly. A detector's graph is converted up to its
 * {@code TFLite_Detection_PostProcess} op ({@code DetectionPostProcessOp}); its per-anchor rows are
 * kept in the order the flipped network leaves them, with a row map ({@code RowOps}).
 * {@link io.visionstreams.inference.convert.tflite.Uint8InputConversion} serves the image models
 * (MobileNetV2, DeepLabv3) with the input's normalization inside the graph, in float32 or as the
 * INT8 graph of {@link io.visionstreams.inference.convert.tflite.Int8Conversion}, calibrated from the
 * file's own scales and zero points.
 */
package io.visionstreams.inference.convert.tflite;
