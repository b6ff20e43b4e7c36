package io.visionstreams.app;

/**
 * One reason not to start, found before anything is loaded.
 *
 * @param subject what is wrong: a configuration key, a topic or an environment variable, as the operator writes it
 * @param message what was found and what to do about it
 */
public record PreflightProblem(String subject, String message) {

    @Override
    public String toString() {
        return subject + ": " + message;
    }
}
