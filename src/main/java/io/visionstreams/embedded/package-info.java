/** A real, in-process Kafka broker (KRaft) for the demo and the end-to-end tests. */
package io.visionstreams.embedded;
