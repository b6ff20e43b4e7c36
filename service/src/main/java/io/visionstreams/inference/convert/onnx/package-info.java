/**
 * Writing a converted graph as an ONNX file: the graph the TFLite and TF.js converters lowered once
 * (op by op, into {@link io.visionstreams.inference.convert.mxnet.MxGraph}'s symbol form) emitted with
 * ONNX operators instead of MXNet's, with the same weights, so ONNX Runtime runs the same network.
 * The protobuf classes ({@code OnnxProto}) are generated at build time from {@code src/main/proto/onnx.proto}.
 */
package io.visionstreams.inference.convert.onnx;
