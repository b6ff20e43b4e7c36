package io.visionstreams.testing;

import io.visionstreams.results.AvroLimits;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs Avro's declared-length limits when a test JVM starts, as the application's entry points do
 * before anything else: Avro reads them once per JVM, the first time it decodes anything (building a
 * record with defaults included), so without this a test that builds a record first would leave every
 * later test in that JVM on Avro's own limits. Registered in {@code META-INF/services}.
 */
public final class AvroLimitsFirst implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        AvroLimits.install();
    }
}
