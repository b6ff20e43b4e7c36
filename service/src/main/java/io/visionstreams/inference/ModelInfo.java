package io.visionstreams.inference;

/**
 * What every result says about the model that produced it.
 *
 * @param name    catalog name, e.g. {@code mobilenet_v2_1.0_224}
 * @param version first 12 hex digits of the source weights' sha256
 * @param engine  engine name and version, e.g. {@code MXNet 1.9.1}; {@code MXNet 1.9.1 int8} for an INT8 graph
 * @param device  device actually used, as DJL prints it: {@code cpu()} or {@code gpu(0)}
 */
public record ModelInfo(String name, String version, String engine, String device, VisionTask task) {}
