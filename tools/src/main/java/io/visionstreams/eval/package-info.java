/**
 * Scoring results against ground truth with the published definitions (ImageNet top-1/top-5, COCO
 * mAP, VOC mIoU), from a {@code results.jsonl} or the result topics ({@link io.visionstreams.eval.ResultSet}),
 * and comparing two result sets of the same frames. What is particular to a task — its ground-truth
 * formats and evaluator, how two results of one frame differ, the words its views use — is its
 * {@link io.visionstreams.eval.EvaluationSpec} (the evaluation side of its {@code TaskSpec}), so the
 * commands and views iterate over {@link io.visionstreams.eval.EvaluationSpecs} instead of switching over tasks.
 */
package io.visionstreams.eval;
