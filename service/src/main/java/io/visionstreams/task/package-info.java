/**
 * One descriptor per task ({@link io.visionstreams.task.TaskSpec}): everything a task means — its
 * Kafka Streams names, result topic and serde, Avro mapping, results.jsonl fields (written and read
 * back), demo column and what its result draws on a frame ({@link io.visionstreams.task.Overlay}; the
 * translator is per model: {@code ModelSpec.translation()}) — so the
 * topology, docs, demo, readers and benchmarks iterate over the enabled specs instead of switching
 * over tasks. How a task is scored is its {@code io.visionstreams.eval.EvaluationSpec}, in eval
 * because this package comes first in the data flow. A new task is one new spec, its evaluation
 * spec, its translator and catalog model.
 */
package io.visionstreams.task;
