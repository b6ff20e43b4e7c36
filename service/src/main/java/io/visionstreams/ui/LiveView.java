package io.visionstreams.ui;

import com.sun.net.httpserver.HttpHandler;
import io.visionstreams.avro.ImageEvent;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.config.VisionConfigDef;
import io.visionstreams.inference.VisionTask;
import io.visionstreams.ingest.ImageFetcher;
import io.visionstreams.results.AvroSerde;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The live view of one cluster: its reader thread, its model and the {@code /ui} handler, which an
 * HTTP server mounts at {@code /ui} (the application's endpoint, or {@link LiveViewServer} for the
 * {@code view} command). Pages and data are answered by two threads of its own, event streams by
 * one thread each (at most {@link #MAX_STREAMS}).
 */
public final class LiveView implements AutoCloseable {

    public static final int MAX_STREAMS = 32;
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    static final Duration STALE = Duration.ofSeconds(5);

    private final LiveModel model;
    private final LiveReader reader;
    private final Thread readerThread;
    private final ThreadPoolExecutor pages;
    private final SseStreams streams;
    private final UiHttp handler;

    LiveView(Properties client, LiveTopics topics, Set<String> tasks, boolean tags, String groupId,
             AvroSerde<ImageEvent> imageEvents, ImageFetcher fetcher, UiAccess access) {
        this.model = new LiveModel(tasks, tags, MAX_WAIT, STALE);
        this.reader = new LiveReader(client, topics, imageEvents, groupId, model);
        AtomicInteger n = new AtomicInteger();
        this.pages = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "vision-ui-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.streams = new SseStreams(MAX_STREAMS);
        this.handler = new UiHttp(model, access, fetcher, pages, streams);
        this.readerThread = new Thread(reader, "vision-ui-reader");
        readerThread.setDaemon(true);
        readerThread.start();
    }

    /**
     * The view of what {@code config}'s instance reads and writes, or null when {@code vision.ui.enabled}
     * and the endpoint's address say it is off (see {@link UiAccess}).
     *
     * @param client Kafka client settings (bootstrap servers, security)
     * @throws ConfigException when it must be on but cannot be served safely (no token off loopback), or the token is malformed
     */
    public static LiveView forConfig(VisionConfig config, Properties client, AvroSerde<ImageEvent> imageEvents,
                                     ImageFetcher fetcher) {
        Password token = (Password) config.setting(VisionConfigDef.UI_TOKEN);
        String t = token == null ? null : token.value();
        try {
            if (!UiAccess.enabled((String) config.setting(VisionConfigDef.UI_ENABLED), config.httpBindAddress(), t)) {
                return null;
            }
            return of(config, client, imageEvents, fetcher, t);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(VisionConfigDef.UI_TOKEN + ": " + e.getMessage());
        }
    }

    /** The view, on whatever address its server binds; {@code token} null or empty: no token. */
    public static LiveView of(VisionConfig config, Properties client, AvroSerde<ImageEvent> imageEvents,
                              ImageFetcher fetcher, String token) {
        Set<String> tasks = config.tasks().stream().map(VisionTask::configName).collect(Collectors.toSet());
        UiAccess access = token == null || token.isEmpty() ? UiAccess.open() : UiAccess.withToken(token);
        return new LiveView(clientOnly(client), LiveTopics.of(config), tasks, config.flow().tagsEnabled(),
                config.applicationId(), imageEvents, fetcher, access);
    }

    /** The Kafka client keys of {@code properties} (bootstrap, security, ...), without those of Kafka Streams. */
    public static Properties clientOnly(Properties properties) {
        Properties out = new Properties();
        Set<String> known = AdminClientConfig.configNames();
        properties.forEach((k, v) -> {
            if (known.contains(k.toString())) {
                out.put(k, v);
            }
        });
        out.remove(AdminClientConfig.CLIENT_ID_CONFIG);
        return out;
    }

    /** Whether {@code bindAddress} is this machine only (where the view needs no token). */
    public static boolean isLoopback(String bindAddress) {
        return UiAccess.isLoopback(bindAddress);
    }

    /** Mount at {@code /ui}. */
    public HttpHandler handler() {
        return handler;
    }

    @Override
    public void close() {
        reader.close();
        streams.close();
        pages.shutdownNow();
        try {
            readerThread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
