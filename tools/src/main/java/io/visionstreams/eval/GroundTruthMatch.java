package io.visionstreams.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Pairs ground-truth entries with the events of a result set. Entries named by event id (a CSV, a
 * COCO {@code file_name}) pair with that event; files in a folder pair by name without extension
 * ({@code 000000000009.txt} with {@code 000000000009.jpg}), preferring an event that has a result.
 * A file pairs with the event of its own name ({@code x.png} scoring the image {@code x.png}) only
 * as a last resort: not when another file claims that event, and never when the ground truth is
 * known to lie in the images' folder (there, a file that was itself sent is an input, not ground
 * truth). An entry whose event has no result is missing.
 *
 * @param eventByKey ground-truth key → the event whose result it scores, in ground-truth order
 * @param missing    ground-truth keys with no result
 */
public record GroundTruthMatch(Map<String, String> eventByKey, List<String> missing) {

    static GroundTruthMatch byEventId(Collection<String> keys, Set<String> withResult) {
        Map<String, String> paired = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            if (withResult.contains(key)) {
                paired.put(key, key);
            } else {
                missing.add(key);
            }
        }
        return new GroundTruthMatch(paired, missing);
    }

    /**
     * @param fileNames  the ground-truth files' names
     * @param eventStems the event stems a file may score (its own stem, and any its naming convention adds)
     * @param events     every event id seen (results and dead letters)
     * @param withResult the events with a result of the task evaluated
     * @param besideImages whether the files lie in the images' folder (a file is then never its own event's truth)
     */
    static GroundTruthMatch byStem(Collection<String> fileNames, Function<String, List<String>> eventStems,
                                   Collection<String> events, Set<String> withResult, boolean besideImages) {
        Map<String, List<String>> eventsByStem = new HashMap<>();
        for (String e : events) {
            eventsByStem.computeIfAbsent(stem(e), s -> new ArrayList<>()).add(e);
        }
        Map<String, String> paired = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String file : fileNames) {
            String chosen = null;
            for (String s : eventStems.apply(stem(file))) {
                for (String e : eventsByStem.getOrDefault(s, List.of())) {
                    if (!e.equals(file) && withResult.contains(e) && chosen == null) {
                        chosen = e;
                    }
                }
            }
            if (chosen == null && !besideImages && withResult.contains(file)) {
                chosen = file;
            }
            if (chosen != null) {
                paired.put(file, chosen);
            } else if (!(besideImages && events.contains(file))) {
                missing.add(file);
            }
        }
        // an event another file claims is not its own truth (an image beside its mask)
        Set<String> claimed = new java.util.HashSet<>();
        paired.forEach((file, event) -> {
            if (!file.equals(event)) {
                claimed.add(event);
            }
        });
        paired.entrySet().removeIf(e -> e.getKey().equals(e.getValue()) && claimed.contains(e.getValue()));
        return new GroundTruthMatch(paired, missing);
    }

    /** The name without its last extension. */
    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
