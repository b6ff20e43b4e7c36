package io.visionstreams.cli;

import io.visionstreams.avro.ImageEvent;
import io.visionstreams.client.EventSource;
import io.visionstreams.client.FileEvents;
import io.visionstreams.client.ImageFiles;
import io.visionstreams.client.camera.VideoOptions;
import io.visionstreams.client.camera.VideoSources;
import io.visionstreams.results.Serdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What the demo sends, images and video through one path: the files of a folder ({@code --images})
 * or the sampled frames of a video file ({@code --video}), as an {@link EventSource}; and each sent
 * event's image bytes kept in a scratch folder, which the previews decode again.
 */
final class DemoInput {

    static final String SOURCE_ID = "demo";

    @Option(names = "--video", paramLabel = "FILE",
            description = "Run on the frames of a video file instead of a folder of images.")
    Path video;

    @Option(names = "--fps", paramLabel = "N",
            description = "With --video: frames per second to keep, by presentation time (default: every frame).")
    Double fps;

    /** What {@link #open} reads, for the console. */
    String describe(ImagesOption images) {
        return video != null ? video.toString() : images.folder().toString();
    }

    EventSource open(ImagesOption images) throws IOException {
        if (video == null) {
            if (fps != null) {
                throw new IllegalArgumentException("--fps applies to --video only");
            }
            return new FileEvents(ImageFiles.entries(List.of(images.folder())), SOURCE_ID, ImageFiles.Options.DEFAULT);
        }
        if (!Files.isRegularFile(video)) {
            throw new IOException("no such video file: " + video + " (the demo reads files; produce reads streams)");
        }
        return VideoSources.open(video.toString(), VideoOptions.of(SOURCE_ID, fps == null ? 0 : fps));
    }

    /** Writes the event's bytes to {@code scratch/<n>} and returns that file. */
    static Path keep(ImageEvent event, Path scratch, int n) {
        try {
            return Files.write(scratch.resolve(Integer.toString(n)), Serdes.bytes(event.getImage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
