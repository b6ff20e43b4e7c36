/**
 * The way out: results and dead letters as Avro records (single-object encoding), their serdes,
 * and the mapping from a model's per-frame output to the public contracts in {@code schemas/}.
 * Decoders resolve every released writer schema ({@code schemas/released/}, bundled) and, for
 * image events, newer ones from {@code vision.schemas.dir}; the fingerprint table of docs/contracts.md is
 * generated here.
 */
package io.visionstreams.results;
