package io.visionstreams.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Vision Streams instance ({@code run --config FILE}) in its own JVM, so it can be stopped the
 * way real instances die: {@link #kill()} is SIGKILL (no close, no commit, no flush).
 */
public final class InstanceProcess implements AutoCloseable {

    private final Process process;

    private InstanceProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code run --config configFile} with this JVM's classpath; output goes to {@code log}. */
    public static InstanceProcess start(Path configFile, Path log, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx3g");
        command.add("-Dai.djl.offline=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.visionstreams.app.ServiceMain");
        command.add("run");
        command.add("--config");
        command.add(configFile.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putIfAbsent("MXNET_ENGINE_TYPE", "NaiveEngine");
        builder.environment().putIfAbsent("OMP_NUM_THREADS", "1");
        builder.environment().putAll(env);
        return new InstanceProcess(builder.start());
    }

    /** SIGKILL: the instance gets no chance to commit, close or clean up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: Kafka Streams closes cleanly from the shutdown hook. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** SIGTERM, then waits up to {@code timeout} for the exit status (0: a clean stop); SIGKILL and -1 past it. */
    public int terminate(java.time.Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            return -1;
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
