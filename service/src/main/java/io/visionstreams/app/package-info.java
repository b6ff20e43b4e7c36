/**
 * One running instance: models loaded, batchers started, the topology built and run by
 * KafkaStreams, everything closed in the right order; and the preflight {@code run} does before
 * any of it (topics, record sizes, engine settings).
 */
package io.visionstreams.app;
