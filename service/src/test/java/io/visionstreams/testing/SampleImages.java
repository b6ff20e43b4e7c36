package io.visionstreams.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The sample images and references in {@code ../shared/datasets} (surefire sets {@code vision.datasets.dir}). */
public final class SampleImages {

    /** Five photos every model answers confidently: the tests' shared set where which images does not matter. */
    public static final List<String> FIVE = List.of("cat.bmp", "parrot.jpg", "hot_dog.jpg", "owl.jpg", "bird.bmp");

    private SampleImages() {}

    public static Path datasets() {
        String dir = System.getProperty("vision.datasets.dir");
        if (dir == null) {
            throw new IllegalStateException("vision.datasets.dir is not set (surefire sets it)");
        }
        return Path.of(dir);
    }

    public static Path image(String name) {
        return datasets().resolve("images").resolve(name);
    }

    public static byte[] bytes(String name) throws IOException {
        return Files.readAllBytes(image(name));
    }
}
