package io.visionstreams.eval;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.visionstreams.inference.segmentation.LabelMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Segmentation ground truth as VOC label maps (255 = ignore). Either a folder of VOC PNG masks
 * (palette, greyscale index or VOC colour), one per image, named as the image with its extension
 * replaced by {@code .png} — or {@code <name>_target.png} for an image {@code <name>_image.*}, the
 * naming of the VOC samples — or a CSV of {@code event_id,mask[,encoding]} (mask relative to the
 * CSV; encoding {@code voc} (default), {@code coral-bird} or {@code oxford-trimap}, see
 * {@link GroundTruthMasks}).
 */
public final class SegmentationGroundTruth {

    private static final String TARGET = "_target";
    private static final String IMAGE = "_image";

    private final Map<String, Path> masks;
    private final Map<String, String> encodings;
    private final boolean filesByStem;
    private final boolean besideImages;

    private SegmentationGroundTruth(Map<String, Path> masks, Map<String, String> encodings, boolean filesByStem,
                                    boolean besideImages) {
        this.masks = masks;
        this.encodings = encodings;
        this.filesByStem = filesByStem;
        this.besideImages = besideImages;
    }

    /**
     * A folder of masks, or a CSV naming them.
     *
     * @param besideImages whether a folder also holds the images (then {@code x.png} is the image
     *                     {@code x.png}, not its mask)
     */
    public static SegmentationGroundTruth read(Path path, boolean besideImages) throws IOException {
        return Files.isDirectory(path) ? folder(path, besideImages) : csv(path);
    }

    public static SegmentationGroundTruth folder(Path folder, boolean besideImages) throws IOException {
        Map<String, Path> masks = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(p -> p.getFileName().toString().endsWith(".png")).sorted()
                    .forEach(p -> masks.put(p.getFileName().toString(), p));
        }
        return new SegmentationGroundTruth(masks, Map.of(), true, besideImages);
    }

    public static SegmentationGroundTruth csv(Path csv) throws IOException {
        Map<String, Path> masks = new LinkedHashMap<>();
        Map<String, String> encodings = new LinkedHashMap<>();
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        Path base = csv.toAbsolutePath().getParent();
        try (MappingIterator<List<String>> rows = mapper.readerForListOf(String.class).readValues(csv.toFile())) {
            int line = 0;
            while (rows.hasNext()) {
                List<String> row = rows.next();
                line++;
                if (line == 1 && !row.isEmpty() && row.get(0).equals("event_id")) {
                    continue;
                }
                String encoding = row.size() > 2 ? row.get(2) : "voc";
                if (row.size() < 2 || row.size() > 3 || !List.of("voc", "coral-bird", "oxford-trimap")
                        .contains(encoding)) {
                    throw new IOException(csv + " row " + line
                            + " is not \"event_id,mask[,voc|coral-bird|oxford-trimap]\": " + row);
                }
                masks.put(row.get(0), base.resolve(row.get(1)));
                encodings.put(row.get(0), encoding);
            }
        }
        return new SegmentationGroundTruth(masks, encodings, false, false);
    }

    /** Pairs the masks with the events that have a segmentation result. */
    public GroundTruthMatch match(Collection<String> events, Set<String> withResult) {
        return filesByStem ? GroundTruthMatch.byStem(masks.keySet(), SegmentationGroundTruth::eventStems, events,
                withResult, besideImages) : GroundTruthMatch.byEventId(masks.keySet(), withResult);
    }

    /** The label map of one mask (key as in {@link #match}). */
    public LabelMap read(String key) throws IOException {
        Path file = masks.get(key);
        return switch (encodings.getOrDefault(key, "voc")) {
            case "coral-bird" -> GroundTruthMasks.fromCoralBird(GroundTruthMasks.readIndexed(file));
            case "oxford-trimap" -> GroundTruthMasks.fromOxfordTrimap(GroundTruthMasks.readIndexed(file));
            default -> GroundTruthMasks.readVoc(file);
        };
    }

    private static List<String> eventStems(String maskStem) {
        List<String> stems = new ArrayList<>(List.of(maskStem));
        if (maskStem.endsWith(TARGET)) {
            stems.add(maskStem.substring(0, maskStem.length() - TARGET.length()) + IMAGE);
        }
        return stems;
    }
}
