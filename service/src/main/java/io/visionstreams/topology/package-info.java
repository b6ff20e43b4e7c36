/**
 * The Kafka Streams topology: {@link io.visionstreams.topology.VisionTopology#build} wires the one
 * frame processor (decode on the frame pool, every enabled task's batcher, answers forwarded in input
 * order per task, the Tags join), its pending store and sinks under the stable names of
 * {@link io.visionstreams.topology.Names}, after checking that no stream-thread wait can outlive a
 * transaction ({@link io.visionstreams.topology.WaitBounds}).
 */
package io.visionstreams.topology;
