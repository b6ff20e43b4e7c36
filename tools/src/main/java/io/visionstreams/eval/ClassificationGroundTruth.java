package io.visionstreams.eval;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.visionstreams.inference.LabelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Classification ground truth: a CSV of {@code event_id,label} (an optional header line with those
 * names), the label a 0-based ImageNet index (0..999, as the results' {@code index}) or a class
 * name — the whole {@code imagenet_labels.txt} line or one of its comma-separated synonyms, any
 * case; a name that two classes share ("crane", "maillot") must be given as an index.
 */
public final class ClassificationGroundTruth {

    private final Map<String, Integer> labels;
    private final List<String> names;

    private ClassificationGroundTruth(Map<String, Integer> labels, List<String> names) {
        this.labels = labels;
        this.names = names;
    }

    public static ClassificationGroundTruth read(Path csv) throws IOException {
        List<String> withBackground = LabelFile.fromResource("labels/imagenet_labels.txt");
        List<String> names = withBackground.subList(1, withBackground.size());
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.computeIfAbsent(names.get(i).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(i);
            for (String synonym : names.get(i).split(",")) {
                List<Integer> ids = byName.computeIfAbsent(synonym.strip().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>());
                if (!ids.contains(i)) {
                    ids.add(i);
                }
            }
        }
        Map<String, Integer> labels = new LinkedHashMap<>();
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class).readValues(csv.toFile())) {
            int line = 0;
            while (rows.hasNext()) {
                List<String> row = rows.next();
                line++;
                if (line == 1 && row.size() == 2 && row.get(0).equals("event_id") && row.get(1).equals("label")) {
                    continue;
                }
                if (row.size() != 2 || row.get(0).isEmpty()) {
                    throw new IOException(csv + " row " + line + " is not \"event_id,label\": " + row);
                }
                labels.put(row.get(0), index(row.get(1), byName, names.size(), csv, line));
            }
        }
        return new ClassificationGroundTruth(labels, List.copyOf(names));
    }

    private static int index(String label, Map<String, List<Integer>> byName, int classes, Path csv, int line)
            throws IOException {
        if (label.matches("\\d+")) {
            int i = Integer.parseInt(label);
            if (i >= classes) {
                throw new IOException(csv + " row " + line + ": index " + i + " is not in 0.." + (classes - 1));
            }
            return i;
        }
        List<Integer> ids = byName.get(label.toLowerCase(Locale.ROOT));
        if (ids == null) {
            throw new IOException(csv + " row " + line + ": \"" + label + "\" is not an ImageNet class name");
        }
        if (ids.size() > 1) {
            throw new IOException(csv + " row " + line + ": \"" + label + "\" names classes " + ids
                    + "; give the index");
        }
        return ids.get(0);
    }

    /** The true class index by event id, in file order. */
    public Map<String, Integer> labels() {
        return labels;
    }

    /** The ImageNet class's name by 0-based index: the first of its synonyms ("tabby" for "tabby, tabby cat"). */
    public String name(int index) {
        String line = names.get(index);
        int comma = line.indexOf(',');
        return comma < 0 ? line : line.substring(0, comma);
    }

    public GroundTruthMatch match(Set<String> withResult) {
        return GroundTruthMatch.byEventId(labels.keySet(), withResult);
    }
}
