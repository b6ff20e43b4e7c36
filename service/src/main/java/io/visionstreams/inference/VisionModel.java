package io.visionstreams.inference;

/**
 * A loaded model for one task, owned by the application and closed once at shutdown.
 * Thread-safe: it hands each worker thread its own {@link Inferer}.
 *
 * @param <R> the per-frame result
 */
public interface VisionModel<R> extends AutoCloseable {

    ModelInfo info();

    Inferer<R> newInferer();

    @Override
    void close();
}
