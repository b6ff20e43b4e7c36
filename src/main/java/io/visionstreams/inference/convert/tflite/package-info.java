/** TFLite flatbuffer reading and conversion to MXNet (MobileNetV2, DeepLabv3). */
package io.visionstreams.inference.convert.tflite;
