/**
 * The way out: results and dead letters as Avro records (single-object encoding), their serdes,
 * and the mapping from a model's per-frame output to the public contracts in {@code schemas/}.
 */
package io.visionstreams.results;
