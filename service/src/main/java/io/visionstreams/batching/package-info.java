/**
 * Dynamic batching inside the stream (DESIGN.md §2): a shared batcher per model forms batches on its
 * own worker threads; the frame pool fetches and decodes off the stream threads within the instance's
 * byte budget; the pending store's format (coordinates and answered tasks) and the reader that reads
 * pending records back from the input topic after a restart.
 */
package io.visionstreams.batching;
