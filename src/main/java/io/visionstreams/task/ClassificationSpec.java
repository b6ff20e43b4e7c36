package io.visionstreams.task;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstreams.avro.ClassScore;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.Timing;
import io.visionstreams.inference.ModelInfo;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.classification.ClassificationResult;
import io.visionstreams.results.ResultRecords;
import io.visionstreams.results.Serdes;

/** Classification: the top k ImageNet classes of a frame, published as {@code Classification}. */
final class ClassificationSpec extends TaskSpec<ClassificationResult, Classification> {

    ClassificationSpec() {
        super(VisionTask.CLASSIFICATION, "Classify", ClassificationResult.class, Classification.class,
                Serdes.CLASSIFICATION);
    }


    @Override
    public Classification record(ImageEvent event, ModelInfo model, Timing timing, ClassificationResult result) {
        return ResultRecords.classification(event, model, timing, result);
    }

    @Override
    public void writeJson(Classification c, ObjectNode json, String maskFile) {
        ArrayNode top = json.putArray("top_k");
        for (ClassScore s : c.getTopK()) {
            top.addObject().put("index", s.getIndex()).put("label", s.getLabel()).put("score", s.getScore());
        }
    }

    @Override
    public String demoCell(Classification c) {
        return c.getTopK().isEmpty() ? "-" : firstName(c.getTopK().get(0).getLabel()) + " "
                + score(c.getTopK().get(0).getScore());
    }

    /** ImageNet labels list synonyms ("tabby, tabby cat"); the first says enough in a table. */
    private static String firstName(String label) {
        int comma = label.indexOf(',');
        return comma < 0 ? label : label.substring(0, comma);
    }
}
