package io.visionstreams.inference;

import io.visionstreams.ingest.RgbImage;
import java.util.List;

/**
 * Runs one model on batches of frames. Not thread-safe: each worker thread owns one
 * (DJL predictors are not shared across threads).
 *
 * @param <R> the per-frame result
 */
public interface Inferer<R> extends AutoCloseable {

    /** One result per frame, in the order of {@code batch}. */
    List<R> infer(List<RgbImage> batch) throws InferenceException;

    @Override
    void close();
}
