package io.visionstreams.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything logged at INFO and above by the application and Kafka (clients, Streams, broker)
 * while open, kept in memory: the formatted message and any exception's text. Kafka's INFO
 * (each client's configuration dump) goes here only, not to the console.
 */
public final class LogCapture implements AutoCloseable {

    private static final List<String> LOGGERS = List.of("io.visionstreams", "org.apache.kafka", "kafka");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

    public LogCapture() {
        appender = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder s = new StringBuilder(event.getLoggerName()).append(' ')
                        .append(event.getMessage().getFormattedMessage());
                for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                    s.append(" | ").append(t);
                }
                lines.add(s.toString());
            }
        };
        appender.start();
        Configuration config = context.getConfiguration();
        for (String name : LOGGERS) {
            LoggerConfig logger = new LoggerConfig(name, Level.INFO, false);
            logger.addAppender(appender, Level.INFO, null);
            config.removeLogger(name);
            config.addLogger(name, logger);
        }
        context.updateLoggers();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        context.reconfigure(); // back to log4j2.xml
        appender.stop();
    }
}
