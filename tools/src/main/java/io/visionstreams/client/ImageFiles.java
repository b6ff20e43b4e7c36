package io.visionstreams.client;

import io.visionstreams.avro.ImageEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Files and folders in, ImageEvents out: one event per regular file (folders walked recursively,
 * sorted by path, hidden files and folders skipped). The event_id is the file's path relative to
 * the folder given ({@code a/b.jpg}; a file given directly: its name), so ids are unique across
 * sub-folders; two arguments yielding the same id are refused. captured_at: see {@link CaptureTime}.
 * Every file is sent, images or not: the stream decides what is an image.
 */
public final class ImageFiles {

    /** One file to send and its event_id. */
    public record ImageFile(Path path, String eventId) {}

    /**
     * How each event is built.
     *
     * @param claimCheck send {@code image_uri} (the file's absolute {@code file://} URI) instead of the bytes
     * @param attributes added to every event's attributes (they win over the built-in ones)
     */
    public record Options(boolean claimCheck, Map<String, String> attributes) {

        public static final Options DEFAULT = new Options(false, Map.of());

        public Options {
            attributes = Map.copyOf(attributes);
        }
    }

    private ImageFiles() {}

    /** The files' paths, in sending order. */
    public static List<Path> list(List<Path> inputs) throws IOException {
        return entries(inputs).stream().map(ImageFile::path).toList();
    }

    /** The files with their event ids, in sending order. */
    public static List<ImageFile> entries(List<Path> inputs) throws IOException {
        List<ImageFile> files = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path input : inputs) {
            List<ImageFile> found = new ArrayList<>();
            if (Files.isDirectory(input)) {
                try (Stream<Path> tree = Files.walk(input)) {
                    tree.filter(Files::isRegularFile)
                            .map(p -> new ImageFile(p, eventId(input.relativize(p))))
                            .filter(f -> !hidden(f.eventId()))
                            .sorted((a, b) -> a.eventId().compareTo(b.eventId()))
                            .forEach(found::add);
                }
            } else if (Files.isRegularFile(input)) {
                found.add(new ImageFile(input, input.getFileName().toString()));
            } else {
                throw new IOException("no such file or folder: " + input);
            }
            for (ImageFile f : found) {
                Path other = seen.putIfAbsent(f.eventId(), f.path());
                if (other != null) {
                    throw new IOException("two files would have event_id " + f.eventId() + ": " + other + " and "
                            + f.path() + " (give their common parent folder instead)");
                }
                files.add(f);
            }
        }
        return files;
    }

    public static ImageEvent event(ImageFile file, String sourceId, Options options) throws IOException {
        CaptureTime.Captured captured = CaptureTime.of(file.path());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("file", file.eventId());
        attributes.put("captured_at_from", captured.from());
        attributes.putAll(options.attributes());
        ImageEvent.Builder event = ImageEvent.newBuilder()
                .setEventId(file.eventId())
                .setSourceId(sourceId)
                .setCapturedAt(captured.at())
                .setContentType(contentType(file.eventId()))
                .setAttributes(attributes);
        if (options.claimCheck()) {
            event.setImage(null).setImageUri(file.path().toAbsolutePath().normalize().toUri().toString());
        } else {
            event.setImage(ByteBuffer.wrap(Files.readAllBytes(file.path()))).setImageUri(null);
        }
        return event.build();
    }

    /**
     * One file with the capture time given (tools and tests that set it themselves): event_id = the
     * file's name, its bytes in the event, attribute {@code file}.
     */
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

    /** The relative path with {@code /} separators, whatever the platform's. */
    private static String eventId(Path relative) {
        List<String> names = new ArrayList<>();
        relative.forEach(n -> names.add(n.toString()));
        return String.join("/", names);
    }

    private static boolean hidden(String relativePath) {
        for (String name : relativePath.split("/")) {
            if (name.startsWith(".")) {
                return true;
            }
        }
        return false;
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
