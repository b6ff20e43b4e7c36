/** Semantic segmentation (Mobile DeepLabv3, PASCAL VOC): preprocessing, argmax label maps, class fractions. */
package io.visionstreams.inference.segmentation;
