package io.visionstreams.batching;

/**
 * Which Throwables stop the instance instead of becoming one input's dead letter: an
 * {@link OutOfMemoryError} of the heap or of native memory, anywhere in the cause chain. Every other
 * Throwable out of decoding or out of one frame's inference (a {@code StackOverflowError} from a deep
 * EXIF chain, an {@code Error} thrown by a model) is that input's fault. One OutOfMemoryError is an
 * input's too: "Requested array size exceeds VM limit", an allocation no heap could serve.
 */
public final class FatalErrors {

    private FatalErrors() {}

    public static boolean isFatal(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError oom) {
                return oom.getMessage() == null || !oom.getMessage().contains("exceeds VM limit");
            }
        }
        return false;
    }
}
