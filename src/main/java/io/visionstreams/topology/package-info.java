/**
 * The Kafka Streams topology: {@link io.visionstreams.topology.VisionTopology#build} wires the
 * decode step, the per-task batching processors, their stores and sinks under the stable
 * names of {@link io.visionstreams.topology.Names}.
 */
package io.visionstreams.topology;
