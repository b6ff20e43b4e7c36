/**
 * Models: the catalog of pretrained weights, their resolution and conversion to MXNet, loading
 * through DJL, and one {@link io.visionstreams.inference.VisionModel} per task that turns decoded
 * frames into results. Sub-packages hold the per-task translators and the converters.
 */
package io.visionstreams.inference;
