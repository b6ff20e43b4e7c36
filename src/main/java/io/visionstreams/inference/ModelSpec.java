package io.visionstreams.inference;

import java.net.URI;
import java.util.List;

/**
 * One pretrained model of the catalog: what it does, where its weights come from (public URL
 * and sha256 of every file) and how it was trained to see its input.
 *
 * @param name        catalog name; also the folder name under the models folder and the MXNet file prefix
 * @param task        the task it serves
 * @param format      the published format the converter reads
 * @param files       source files, each with its public URL and sha256
 * @param labels      classpath resource with one label per line, in the model's output order
 * @param inputSize   square input side in pixels the network expects
 * @param description one line for people (paper figures, training set)
 * @param license     licence of the weights
 * @param postprocessing for a detector, where its post-processing comes from; {@code NONE} otherwise
 */
public record ModelSpec(String name, VisionTask task, SourceFormat format, List<SourceFile> files, String labels,
                        int inputSize, String description, String license, Postprocessing postprocessing) {

    /** How a detector's raw outputs become published detections. */
    public enum Postprocessing {
        /** Not a detector. */
        NONE,
        /**
         * SSD box decoding against the converted anchors, with score threshold, per-class NMS and
         * the object limit from {@code vision.detection.*} (SSDLite, whose graph leaves them open).
         */
        CONFIGURED,
        /**
         * The model's own {@code TFLite_Detection_PostProcess} op, as its options in the file say
         * (anchors, scale factors, thresholds, NMS flavour, detection limit); {@code vision.detection.*}
         * only filters what is published (score threshold, object limit).
         */
        TFLITE_OP
    }

    /** The published formats we can convert to MXNet. */
    public enum SourceFormat { TFLITE, TFJS_GRAPH }

    /** One published file of a model. */
    public record SourceFile(String name, String sha256, URI url) {}

    public ModelSpec {
        files = List.copyOf(files);
        if ((task == VisionTask.DETECTION) == (postprocessing == Postprocessing.NONE)) {
            throw new IllegalArgumentException(name + ": a detector names its post-processing, other models none");
        }
    }

    /** A model that is not a detector. */
    public ModelSpec(String name, VisionTask task, SourceFormat format, List<SourceFile> files, String labels,
                     int inputSize, String description, String license) {
        this(name, task, format, files, labels, inputSize, description, license, Postprocessing.NONE);
    }

    /** The file a converter starts from: the .tflite, or the TF.js model.json. */
    public SourceFile mainFile() {
        return files.get(0);
    }
}
