/**
 * Scoring results against ground truth with the published definitions. In: a {@link
 * io.visionstreams.eval.ResultSet} (a {@code results.jsonl} read back, or records off the topics)
 * and ground truth in the formats of the field (ImageNet labels CSV, COCO instances JSON or YOLO
 * labels, VOC masks). Out: a {@link io.visionstreams.eval.TaskEvaluation} per task — top-1/top-5,
 * COCO mAP@[.5:.95]/AP50/AP75 ({@link io.visionstreams.eval.CocoEval}), mIoU and pixel accuracy —
 * and the comparison of two result sets of the same frames; {@code report/} renders them.
 */
package io.visionstreams.eval;
