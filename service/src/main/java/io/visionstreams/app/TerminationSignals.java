package io.visionstreams.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a request to stop, handled by the command itself: the JVM's default handling
 * starts its shutdown at once (exit status 143, daemon inference threads torn down mid-batch), while a
 * command that stops in order can then return its own exit code. The JDK has no supported API for
 * this; {@code sun.misc.Signal} (module jdk.unsupported) is the one every JVM ships.
 */
final class TerminationSignals {

    private static final Logger log = LoggerFactory.getLogger(TerminationSignals.class);

    private TerminationSignals() {}

    /** Runs {@code onStop} (on a signal-dispatch thread) when the process gets SIGTERM or SIGINT. */
    static void onTerminate(Runnable onStop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    log.info("received SIG{}: stopping", signal.getName());
                    onStop.run();
                });
            } catch (IllegalArgumentException e) {
                log.warn("cannot handle SIG{} here ({}): the JVM's default applies", name, e.getMessage());
            }
        }
    }
}
