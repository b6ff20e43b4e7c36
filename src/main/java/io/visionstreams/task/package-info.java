/**
 * One descriptor per task ({@link io.visionstreams.task.TaskSpec}): everything a task means — its
 * Kafka Streams names, result topic and serde, Avro mapping, results.jsonl fields and demo
 * column (the translator is per model: {@code ModelSpec.translation()}) — so the topology, docs, demo, readers and benchmarks iterate over the enabled specs
 * instead of switching over tasks. A new task is one new spec plus its translator and catalog model.
 */
package io.visionstreams.task;
