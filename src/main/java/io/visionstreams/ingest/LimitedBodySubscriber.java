package io.visionstreams.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects an HTTP body up to a byte limit and cancels the transfer the moment the limit is
 * passed, so an oversized (or endless) response costs at most {@code maxBytes} of memory.
 */
final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    /** The body (or its declared Content-Length) is over the limit. */
    static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }

    private final long maxBytes;
    private final boolean discard;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private LimitedBodySubscriber(long maxBytes, boolean discard) {
        this.maxBytes = maxBytes;
        this.discard = discard;
    }

    /** Body handler: 2xx bodies collected up to {@code maxBytes}, other statuses' bodies not read. */
    static HttpResponse.BodyHandler<byte[]> handler(long maxBytes) {
        return info -> {
            if (info.statusCode() / 100 != 2) {
                return new LimitedBodySubscriber(0, true);
            }
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                LimitedBodySubscriber refused = new LimitedBodySubscriber(0, true);
                refused.body.completeExceptionally(new TooLargeException(
                        "Content-Length " + declared + " exceeds the limit of " + maxBytes + " bytes"));
                return refused;
            }
            return new LimitedBodySubscriber(maxBytes, false);
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (discard) {
            s.cancel();
            body.complete(new byte[0]);
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            if (buffer.size() + (long) item.remaining() > maxBytes) {
                subscription.cancel();
                body.completeExceptionally(new TooLargeException("body exceeds the limit of " + maxBytes + " bytes"));
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            buffer.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        body.complete(buffer.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }
}
