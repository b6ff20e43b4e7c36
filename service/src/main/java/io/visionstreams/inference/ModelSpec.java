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
 */
public record ModelSpec(String name, VisionTask task, SourceFormat format, List<SourceFile> files, String labels,
                        int inputSize, String description, String license, Translation<?> translation) {

    /** The published formats we can convert to MXNet. */
    public enum SourceFormat { TFLITE, TFJS_GRAPH }

    /** One published file of a model. */
    public record SourceFile(String name, String sha256, URI url) {}

    public ModelSpec {
        files = List.copyOf(files);
    }

    /** The file a converter starts from: the .tflite, or the TF.js model.json. */
    public SourceFile mainFile() {
        return files.get(0);
    }
}
