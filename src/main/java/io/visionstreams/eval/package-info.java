/**
 * Scoring model outputs against ground truth with the published definitions: segmentation
 * confusion matrices, per-class IoU and set mIoU, and the ground-truth mask formats they read.
 */
package io.visionstreams.eval;
