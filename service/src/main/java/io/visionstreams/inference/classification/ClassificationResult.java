package io.visionstreams.inference.classification;

import java.util.List;

/** The k most probable classes of one frame, most probable first (ties: lower index first). */
public record ClassificationResult(List<ClassScore> topK) {

    public ClassificationResult {
        topK = List.copyOf(topK);
    }
}
