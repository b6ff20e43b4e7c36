/**
 * Configuration: every {@code vision.*} key defined once ({@link io.visionstreams.config.VisionConfigDef}),
 * loaded from a properties file and the environment, validated into a typed
 * {@link io.visionstreams.config.VisionConfig}; other keys pass through to Kafka Streams.
 */
package io.visionstreams.config;
