package io.visionstreams.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.task.TaskSpecs;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes outcomes as a results folder: {@code results.jsonl} (one {@link ResultsJson} line per
 * outcome, in the order given) and each result's side file ({@code TaskSpec.sideFile}: a
 * segmentation's label map) under {@code masks/}. The demo, {@code consume} and {@code replay} all
 * write through it, so {@code evaluate} reads any of them.
 * Each event's files are named {@link #safeName} of its id ({@code .png} appended), made unique
 * should two ids differ only in characters that name replaces.
 */
public final class ResultsWriter implements AutoCloseable {

    public static final String RESULTS = "results.jsonl";
    public static final String MASKS = "masks";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path folder;
    private final BufferedWriter lines;
    private final Map<String, String> fileNames = new HashMap<>();
    private final Set<String> takenNames = new HashSet<>();

    /** Creates (or truncates) {@code folder/results.jsonl} and {@code folder/masks/}. */
    public ResultsWriter(Path folder) throws IOException {
        this.folder = folder;
        Files.createDirectories(folder.resolve(MASKS));
        this.lines = Files.newBufferedWriter(folder.resolve(RESULTS));
    }

    public void write(Outcome o) throws IOException {
        String maskFile = null;
        Optional<byte[]> side = TaskSpecs.ofRecord(o.record()).flatMap(spec -> spec.sideFileOf(o.record()));
        if (side.isPresent()) {
            maskFile = MASKS + "/" + fileName(o.eventId());
            Files.write(folder.resolve(maskFile), side.get());
        }
        lines.write(MAPPER.writeValueAsString(ResultsJson.toJson(o, maskFile)));
        lines.newLine();
    }

    public Path folder() {
        return folder;
    }

    /** The event's file name: its safe name, with a counter when another event already has it. */
    public String fileName(String eventId) {
        return fileNames.computeIfAbsent(eventId, id -> {
            String base = safeName(id);
            String name = base;
            for (int n = 2; !takenNames.add(name); n++) {
                name = base + "-" + n;
            }
            return name + ".png";
        });
    }

    public static String safeName(String eventId) {
        return eventId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
