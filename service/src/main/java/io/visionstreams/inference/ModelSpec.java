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
 * @param translation its result type and the translator that serves it
 * @param int8OnAuto  whether {@code vision.model.precision=auto} runs it in INT8 on a CPU with VNNI or AMX, and why
 */
public record ModelSpec(String name, VisionTask task, SourceFormat format, List<SourceFile> files, String labels,
                        int inputSize, String description, String license, Translation<?> translation,
                        Int8OnAuto int8OnAuto) {

    /** The published formats we can convert to MXNet. */
    public enum SourceFormat { TFLITE, TFJS_GRAPH }

    /** One published file of a model. */
    public record SourceFile(String name, String sha256, URI url) {}

    /**
     * Whether {@code auto} precision picks INT8 for this model where the CPU multiplies INT8 fast: only where its
     * INT8 graph's agreement with the reference outputs was measured to meet the float targets.
     *
     * @param eligible whether auto may pick INT8
     * @param evidence the measurement that says so (or what it lacks), reported by {@code bench model}
     */
    public record Int8OnAuto(boolean eligible, String evidence) {
        public static final Int8OnAuto NOT_MEASURED = new Int8OnAuto(false, "INT8 agreement with the reference not measured");
    }

    public ModelSpec {
        files = List.copyOf(files);
    }

    /** A model that {@code auto} precision keeps in float. */
    public ModelSpec(String name, VisionTask task, SourceFormat format, List<SourceFile> files, String labels,
                     int inputSize, String description, String license, Translation<?> translation) {
        this(name, task, format, files, labels, inputSize, description, license, translation, Int8OnAuto.NOT_MEASURED);
    }

    /** The file a converter starts from: the .tflite, or the TF.js model.json. */
    public SourceFile mainFile() {
        return files.get(0);
    }
}
