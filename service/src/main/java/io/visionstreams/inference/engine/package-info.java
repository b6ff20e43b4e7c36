/**
 * The inference engines (DJL's MXNet and ONNX Runtime) behind one interface: the model format each
 * loads, its device selection (GPU requested and unusable fails start-up with one line, never a
 * CPU fallback), its load options and its process-setting checks. Chosen by {@code vision.engine}.
 */
package io.visionstreams.inference.engine;
