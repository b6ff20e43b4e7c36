package io.visionstreams.bench;

import io.visionstreams.client.ImageFiles;
import io.visionstreams.ingest.DecodeException;
import io.visionstreams.ingest.ImageDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The images a benchmark cycles through: every file of a folder that decodes (the rest are skipped). */
final class BenchImages {

    private BenchImages() {}

    static List<Path> list(Path folder) throws IOException {
        ImageDecoder decoder = new ImageDecoder();
        List<Path> images = new ArrayList<>();
        for (Path file : ImageFiles.list(List.of(folder))) {
            try {
                decoder.decode(Files.readAllBytes(file));
                images.add(file);
            } catch (DecodeException notAnImage) {
                // benchmarks measure the model, not dead letters
            }
        }
        if (images.isEmpty()) {
            throw new IOException("no decodable image in " + folder);
        }
        return images;
    }
}
