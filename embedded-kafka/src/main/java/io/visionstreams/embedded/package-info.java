/**
 * A real, in-process Kafka broker (KRaft) for the demo and the end-to-end tests; optionally with
 * a SASL_SSL listener and ACLs enforced ({@link io.visionstreams.embedded.BrokerSecurity}).
 */
package io.visionstreams.embedded;
