/**
 * Scoring multi-object tracking and object events: a {@code results.jsonl} (detections carrying
 * {@code track_id}, frames by {@code attributes.frame}, {@code "task": "object-events"} lines) against
 * MOTChallenge ground truth ({@code gt.txt}) and an events ground truth. CLEAR-MOT (Bernardin and
 * Stiefelhagen 2008) and the identity measures (Ristani et al. 2016) as TrackEval computes them, the
 * MOTChallenge ignore rules for flag-0 rows, events as precision/recall within a frame tolerance, and
 * a plain greedy IoU tracker re-run on the same detections as the baseline to beat.
 */
package io.visionstreams.eval.tracking;
