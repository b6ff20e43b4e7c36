package io.visionstreams.inference.classification;

/** One class of a top-k: 0-based ImageNet index (background removed), label, softmax probability. */
public record ClassScore(int index, String label, float score) {}
