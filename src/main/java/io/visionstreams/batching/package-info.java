/**
 * Dynamic batching inside the stream (DESIGN.md §2): a shared batcher per model forms batches
 * on its own worker thread, and a batching processor per task keeps every submitted frame in a
 * changelogged pending store until its result is forwarded, in input order.
 */
package io.visionstreams.batching;
