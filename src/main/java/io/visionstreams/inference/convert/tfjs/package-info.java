/** TF.js graph-model reading and conversion to MXNet (SSDLite-MobileNetV2). */
package io.visionstreams.inference.convert.tfjs;
