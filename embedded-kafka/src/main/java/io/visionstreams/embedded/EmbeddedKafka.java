package io.visionstreams.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (KRaft, broker + controller) inside this JVM, on 127.0.0.1,
 * for {@code demo} and end-to-end tests. Configured for exactly-once on one node. Restartable on
 * the same directories ({@link #restart()}): the topics and committed data survive.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final Path dataDir;
    private final boolean ownsDataDir;
    private BrokerSecurity security;
    private int brokerPort;
    private int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path dataDir, boolean ownsDataDir) {
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
    }

    /** Formats a fresh temporary data directory and starts the node. */
    public static EmbeddedKafka start() {
        try {
            EmbeddedKafka kafka = new EmbeddedKafka(Files.createTempDirectory("vision-kafka-"), true);
            kafka.format();
            kafka.startServer();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * As {@link #start()}, with one {@code SASL_SSL} listener instead of {@code PLAINTEXT} and ACLs
     * enforced: clients need {@link BrokerSecurity#clientProperties(String, String)}.
     */
    public static EmbeddedKafka startSecured(BrokerSecurity security) {
        try {
            EmbeddedKafka kafka = new EmbeddedKafka(Files.createTempDirectory("vision-kafka-"), true);
            kafka.security = security;
            kafka.format();
            kafka.startServer();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings of an administrative client: the bootstrap servers, and the super user's credentials when secured. */
    public Properties adminProperties() {
        if (security == null) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            return p;
        }
        return security.clientProperties(bootstrapServers(), security.superUser());
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** Creates topics (ignoring ones that exist) with the given partition count. */
    public void createTopics(Collection<String> topics, int partitions) {
        try (Admin admin = Admin.create(adminProperties())) {
            List<NewTopic> newTopics = topics.stream().distinct().map(t -> new NewTopic(t, partitions, (short) 1)).toList();
            try {
                admin.createTopics(newTopics).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topics " + topics, e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the node and starts a new one on the same directories and ports. */
    public void restart() {
        stopServer();
        startServer();
    }

    @Override
    public void close() {
        stopServer();
        if (ownsDataDir) {
            deleteRecursively(dataDir);
        }
    }

    private void format() throws IOException {
        brokerPort = freePort();
        controllerPort = freePort();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir().toString()))
                .setMetadataLogDirectory(logDir().toString())
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IOException("cannot format the embedded Kafka storage in " + logDir(), e);
        }
    }

    private void startServer() {
        for (int attempt = 1; ; attempt++) {
            try {
                server = new KafkaRaftServer(new KafkaConfig(brokerConfig(), false), Time.SYSTEM);
                server.startup();
                log.info("embedded Kafka (KRaft) running at {}", bootstrapServers());
                return;
            } catch (RuntimeException e) {
                if (attempt >= 5 || !isBindFailure(e)) {
                    throw e;
                }
                log.warn("port taken ({}), retrying the embedded broker start", e.getMessage());
                stopServer();
                sleep(Duration.ofMillis(200L * attempt));
                try { // the ports are not part of the formatted storage: pick new ones
                    brokerPort = freePort();
                    controllerPort = freePort();
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            }
        }
    }

    private Properties brokerConfig() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        String client = security == null ? "PLAINTEXT" : "SASL_SSL";
        p.put("listeners", client + "://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", client + "://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", client + ":" + client + ",CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", client);
        if (security != null) {
            p.putAll(security.brokerProperties());
        }
        p.put("log.dirs", logDir().toString());
        p.put("metadata.log.dir", logDir().toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        p.put("message.max.bytes", Integer.toString(32 * 1024 * 1024));
        return p;
    }

    private void stopServer() {
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                log.warn("embedded Kafka shutdown: {}", e.toString());
            }
            server = null;
        }
    }

    private Path logDir() {
        return dataDir.resolve("kraft");
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            log.debug("could not delete {}: {}", dir, e.toString());
        }
    }
}
