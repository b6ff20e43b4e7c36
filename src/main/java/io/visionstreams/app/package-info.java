/**
 * One running instance: models loaded, batchers started, the topology built and run by
 * KafkaStreams, everything closed in the right order.
 */
package io.visionstreams.app;
