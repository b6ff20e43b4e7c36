/** Object detection (SSDLite-MobileNetV2, COCO): preprocessing, anchor box decoding, non-maximum suppression. */
package io.visionstreams.inference.detection;
