/**
 * TFLite models to MXNet: a hand-written reader of the {@code .tflite} flatbuffer (tensors,
 * quantization, operators and their options) and {@link io.visionstreams.inference.convert.tflite.TfliteConverter},
 * which turns MobileNetV2 and DeepLabv3 graphs into a float32 NCHW MXNet graph that reproduces
 * TF's padding and resize semantics exactly; {@link io.visionstreams.inference.convert.tflite.Int8Conversion}
 * makes the INT8 version, calibrated from the file's own scales and zero points.
 */
package io.visionstreams.inference.convert.tflite;
