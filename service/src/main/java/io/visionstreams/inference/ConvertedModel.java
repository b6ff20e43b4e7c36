package io.visionstreams.inference;

import java.nio.file.Path;

/**
 * A model in MXNet format on disk: {@code dir/<name>-symbol.json} and {@code dir/<name>-0000.params}.
 *
 * @param name    catalog name (also the file prefix)
 * @param dir     folder holding the two files
 * @param version first 12 hex digits of the source weights' sha256
 */
public record ConvertedModel(String name, Path dir, String version) {}
