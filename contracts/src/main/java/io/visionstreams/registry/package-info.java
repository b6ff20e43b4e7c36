/**
 * The Schema Registry dialect, beside the contracts: the wire framing (magic byte 0, a 4-byte
 * big-endian schema id, the Avro binary), the subject naming strategies, the registry settings
 * under the names Confluent's clients use, and a small client for the Confluent REST subset
 * (register, schema by id, latest version, lookup, compatibility) that Confluent Schema Registry,
 * Apicurio's ccompat API, Karapace and Redpanda all speak; and {@link io.visionstreams.registry.Wire},
 * which makes any contract's serde ({@code results}) speak it.
 */
package io.visionstreams.registry;
