package io.visionstreams.registry;

import java.io.IOException;

/**
 * The registry could not be asked: connection refused, timed out, or it answered 5xx. Not a fault
 * of the record being read or written: callers retry, they do not dead-letter.
 */
public class RegistryUnavailableException extends IOException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
