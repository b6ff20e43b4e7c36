package io.visionstreams.registry;

import java.io.IOException;

/** A registry-framed value whose schema id the registry does not know (or knows as another record type). */
public class UnknownSchemaIdException extends IOException {

    private final int id;

    public UnknownSchemaIdException(int id, String message) {
        super(message);
        this.id = id;
    }

    public int id() {
        return id;
    }
}
