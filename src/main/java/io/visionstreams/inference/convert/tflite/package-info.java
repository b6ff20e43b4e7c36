/**
 * TFLite models to MXNet: a hand-written reader of the {@code .tflite} flatbuffer (tensors,
 * quantization, operators and their options) and {@link io.visionstreams.inference.convert.tflite.TfliteConverter},
 * which turns MobileNetV2 and DeepLabv3 graphs into a float32 NCHW MXNet graph that reproduces
 * TF's padding and resize semantics exactly.
 */
package io.visionstreams.inference.convert.tflite;
