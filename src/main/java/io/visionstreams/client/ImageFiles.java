package io.visionstreams.client;

import io.visionstreams.avro.ImageEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Files and folders in, ImageEvents out: one event per regular file (sorted by name, hidden files
 * skipped, folders walked one level), event_id = the file name. Every file is sent, images or not:
 * the stream decides what is an image.
 */
public final class ImageFiles {

    private ImageFiles() {}

    public static List<Path> list(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> children = Files.list(input)) {
                    children.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new IOException("no such file or folder: " + input);
            }
        }
        return files;
    }

    public static ImageEvent event(Path file, String sourceId, Instant capturedAt) throws IOException {
        String name = file.getFileName().toString();
        return ImageEvent.newBuilder()
                .setEventId(name)
                .setSourceId(sourceId)
                .setCapturedAt(capturedAt)
                .setContentType(contentType(name))
                .setImage(ByteBuffer.wrap(Files.readAllBytes(file)))
                .setImageUri(null)
                .setAttributes(Map.of("file", name))
                .build();
    }

    /** A hint from the extension only; the decoder sniffs the real format. */
    static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".bmp")) {
            return "image/bmp";
        }
        if (n.endsWith(".gif")) {
            return "image/gif";
        }
        return null;
    }
}
