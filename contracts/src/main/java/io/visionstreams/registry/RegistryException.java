package io.visionstreams.registry;

import java.io.IOException;

/**
 * The registry answered with an error: {@code status} is the HTTP status, {@code errorCode} the
 * registry's own code (40401 subject not found, 40403 schema not found, 409 incompatible, 42201
 * invalid schema), or -1 when the body had none.
 */
public class RegistryException extends IOException {

    private final int status;
    private final int errorCode;

    public RegistryException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    /** The registry does not know the id, subject or schema asked for. */
    public boolean isNotFound() {
        return status == 404;
    }

    /** The registry's compatibility check refused the schema. */
    public boolean isIncompatible() {
        return status == 409;
    }
}
