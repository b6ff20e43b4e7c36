/**
 * TF.js graph models in ({@code model.json} + weight shards), MXNet models out.
 * {@link io.visionstreams.inference.convert.tfjs.TfjsSsdConverter} is the entry point for the
 * SSDLite-MobileNetV2 COCO detector; {@code TfjsGraphModel} reads the files, {@code GraphLowering},
 * {@code NodeLowering} and {@code ShapeOps} turn the TF ops into MXNet ops, folding batch norms and
 * biases into convolutions and running the network on the flipped image (DESIGN.md §3) so TF's
 * uneven SAME padding needs no {@code Pad} op.
 */
package io.visionstreams.inference.convert.tfjs;
