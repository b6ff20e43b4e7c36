package io.visionstreams.task;

import static io.visionstreams.task.JsonFields.array;
import static io.visionstreams.task.JsonFields.capturedAt;
import static io.visionstreams.task.JsonFields.integer;
import static io.visionstreams.task.JsonFields.model;
import static io.visionstreams.task.JsonFields.number;
import static io.visionstreams.task.JsonFields.text;
import static io.visionstreams.task.JsonFields.timing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstreams.avro.ClassScore;
import io.visionstreams.avro.Classification;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.avro.TagLabel;
import io.visionstreams.avro.Timing;
import io.visionstreams.inference.ModelInfo;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.inference.classification.ClassificationResult;
import io.visionstreams.task.ResultRecords;
import io.visionstreams.results.Serdes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    public Classification readJson(JsonNode j, Path folder) throws IOException {
        List<ClassScore> top = new ArrayList<>();
        for (JsonNode s : array(j, "top_k")) {
            top.add(new ClassScore(integer(s, "index"), text(s, "label"), (float) number(s, "score")));
        }
        return Classification.newBuilder().setEventId(text(j, "event_id")).setSourceId(text(j, "source_id"))
                .setCapturedAt(capturedAt(j)).setModel(model(j)).setTopK(top).setTiming(timing(j)).build();
    }

    @Override
    public String demoCell(Classification c) {
        return c.getTopK().isEmpty() ? "-" : firstName(c.getTopK().get(0).getLabel()) + " "
                + score(c.getTopK().get(0).getScore());
    }

    @Override
    public int demoCellWidth() {
        return 26;
    }

    /** The top-1 class, when its score reaches the threshold. */
    @Override
    public List<TagLabel> tagsOf(Classification c, double threshold) {
        return c.getTopK().stream().limit(1).filter(s -> s.getScore() >= threshold)
                .map(s -> new TagLabel(task().configName(), s.getLabel(), s.getIndex(), s.getScore(), null, null)).toList();
    }

    @Override
    public double tagsThresholdDefault() {
        return 0.5;
    }

    @Override
    public String tagsThresholdDoc() {
        return "Smallest top-1 score of a classification that becomes a tag.";
    }

    /** ImageNet labels list synonyms ("tabby, tabby cat"); the first says enough in a table. */
    private static String firstName(String label) {
        int comma = label.indexOf(',');
        return comma < 0 ? label : label.substring(0, comma);
    }
}
