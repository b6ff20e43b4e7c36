package io.visionstreams.eval;

import static io.visionstreams.task.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionstreams.client.Outcome;
import io.visionstreams.task.TaskSpec;
import io.visionstreams.task.TaskSpecs;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the {@code results.jsonl} contract ({@link io.visionstreams.client.ResultsJson} writes it)
 * back into Avro records: one JSON object per line, {@code "task"} first; a task's result is read by
 * its {@code TaskSpec.readJson} (a segmentation's mask from its {@code mask_file}, relative to the
 * results file's folder). A line that does not follow the contract fails the read with its line number.
 */
final class ResultsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsFile() {}

    static ResultSet read(Path file) throws IOException {
        ResultSet set = new ResultSet(file.toString());
        Path folder = file.toAbsolutePath().getParent();
        int lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    parse(JSON.readTree(line), folder, set);
                } catch (IOException | RuntimeException e) {
                    throw new IOException(file + " line " + lineNumber + ": " + e.getMessage(), e);
                }
            }
        }
        return set;
    }

    private static void parse(JsonNode j, Path folder, ResultSet set) throws IOException {
        String task = text(j, "task");
        if (task.equals(Outcome.TAGS)) {
            return; // a join of the tasks' results: nothing of its own to evaluate
        }
        if (task.equals(Outcome.DEAD_LETTER)) {
            set.addFailure(new ResultSet.Failure(j.path("event_id").isTextual() ? j.get("event_id").asText() : null,
                    j.path("failed_task").isTextual() ? j.get("failed_task").asText() : null,
                    text(j, "stage"), text(j, "reason")));
            return;
        }
        TaskSpec<?, ?> spec = TaskSpecs.all().stream().filter(s -> s.task().configName().equals(task)).findFirst()
                .orElseThrow(() -> new IOException("unknown task \"" + task + "\""));
        set.addResult(spec.readJson(j, folder));
    }
}
