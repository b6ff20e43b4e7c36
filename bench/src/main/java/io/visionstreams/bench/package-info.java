/**
 * Measuring it: where a frame's time goes per model and precision ({@link io.visionstreams.bench.ModelBench}),
 * raw model throughput (JMH), the whole pipeline against the naive
 * one-predict-per-record loop, and the chaos run that kills instances mid-stream and counts
 * missing and duplicate results.
 */
package io.visionstreams.bench;
