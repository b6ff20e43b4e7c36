package io.visionstreams.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a pipeline's CPU goes: the CPU time of every thread of this JVM at one moment, grouped by what the
 * thread does (inference workers, frame decoding, Kafka Streams threads, Kafka clients, the in-process
 * broker, the benchmark's own reader), plus the JVM's own work outside Java threads (GC, JIT, native
 * threads) as the process total less the Java threads. Two snapshots give core-ms per frame per group, plus
 * {@code overhead} (stream threads, Kafka clients, broker, JVM: all but decoding, inference and the bench's reader)
 * and {@code total} (the whole process).
 */
public final class ThreadCpu {

    /** The groups, in the order a frame meets them. */
    public static final String[] GROUPS = {"decode", "stream_thread", "inference", "kafka_clients", "broker", "bench_reader",
            "jvm_gc_jit_native"};

    /** The groups that are neither decoding nor inference: what Kafka and the JVM cost per frame. */
    public static final List<String> OVERHEAD = List.of("stream_thread", "kafka_clients", "broker", "jvm_gc_jit_native");

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Map<Long, Long> cpuByThread;
    private final Map<Long, String> groupByThread;
    private final long process;

    private ThreadCpu(Map<Long, Long> cpuByThread, Map<Long, String> groupByThread, long process) {
        this.cpuByThread = cpuByThread;
        this.groupByThread = groupByThread;
        this.process = process;
    }

    /** CPU time of every live thread now. */
    public static ThreadCpu now() {
        Map<Long, Long> cpu = new LinkedHashMap<>();
        Map<Long, String> groups = new LinkedHashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                long t = THREADS.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    cpu.put(info.getThreadId(), t);
                    groups.put(info.getThreadId(), group(info.getThreadName()));
                }
            }
        }
        return new ThreadCpu(cpu, groups, OS.getProcessCpuTime());
    }

    /**
     * Core-ms per frame of each group between {@code start} and this snapshot, for {@code frames} frames;
     * threads that ended in between are lost (the pipeline's threads live through a measurement).
     */
    public Map<String, Double> perFrameSince(ThreadCpu start, int frames) {
        Map<String, Double> ms = new LinkedHashMap<>();
        for (String g : GROUPS) {
            ms.put(g, 0.0);
        }
        long javaThreads = 0;
        for (Map.Entry<Long, Long> e : cpuByThread.entrySet()) {
            long spent = e.getValue() - start.cpuByThread.getOrDefault(e.getKey(), 0L);
            javaThreads += spent;
            ms.merge(groupByThread.get(e.getKey()), spent / 1e6, Double::sum);
        }
        ms.put("jvm_gc_jit_native", Math.max(0, process - start.process - javaThreads) / 1e6);
        ms.replaceAll((g, v) -> v / frames);
        ms.put("overhead", OVERHEAD.stream().mapToDouble(ms::get).sum());
        ms.put("total", Math.max(0, process - start.process) / 1e6 / frames);
        return ms;
    }

    static String group(String name) {
        if (name.startsWith("frame-decode-")) {
            return "decode";
        }
        if (name.startsWith("batcher-")) {
            return "inference";
        }
        // before the stream threads: a stream thread's producer is named "kafka-producer-network-thread | ...-StreamThread-1-producer"
        if (name.startsWith("kafka-producer-network-thread") || name.contains("heartbeat")
                || name.startsWith("kafka-admin-client") || name.contains("consumer_background")) {
            return "kafka_clients";
        }
        if (name.contains("-StreamThread-")) {
            return "stream_thread";
        }
        if (name.equals("main")) {
            return "bench_reader";
        }
        return "broker";
    }
}
