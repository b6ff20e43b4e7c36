/**
 * Writing MXNet's model format (symbol JSON + params) from graphs built in Java, and turning a float
 * symbol into an MKLDNN INT8 one: its signed tensors shifted to uint8 first
 * ({@link io.visionstreams.inference.convert.mxnet.MxUnsignedActivations}), then MXNet's own
 * quantization passes ({@link io.visionstreams.inference.convert.mxnet.MxInt8Quantizer}).
 */
package io.visionstreams.inference.convert.mxnet;
