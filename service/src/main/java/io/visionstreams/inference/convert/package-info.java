/**
 * Converting published pretrained weights (TFLite flatbuffers, TF.js graph models) into MXNet's
 * model format, deterministically, so DJL's MXNet engine can load them.
 */
package io.visionstreams.inference.convert;
