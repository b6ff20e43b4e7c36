package io.visionstreams.ops;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP server's executor with time limits: a fixed number of threads, and a watchdog that
 * interrupts an exchange still reading its request after {@code readTimeout} or still writing its
 * response after {@code writeTimeout}. The JDK server reads and writes a connection with blocking
 * channel calls on the executor's thread, and an interrupted blocking channel call closes that
 * channel: the slow client loses its connection, the thread serves the next one. (The JDK server
 * has only JVM-wide {@code sun.net.httpserver.maxReqTime}/{@code maxRspTime}, read once per JVM
 * and applied to every response, event streams included; no reachable library adds per-phase limits
 * to it.) An exchange {@linkplain #handOff() handed off} to another thread has no limits.
 */
final class WatchedExecutor implements Executor {

    private enum Phase { READING, RESPONDING, HANDED_OFF, DONE }

    private static final ThreadLocal<Watched> CURRENT = new ThreadLocal<>();

    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService watchdog;
    private final Set<Watched> running = ConcurrentHashMap.newKeySet();
    private final long readTimeoutNanos;
    private final long writeTimeoutNanos;

    WatchedExecutor(String threadName, int threads, Duration readTimeout, Duration writeTimeout) {
        this.readTimeoutNanos = readTimeout.toNanos();
        this.writeTimeoutNanos = writeTimeout.toNanos();
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                daemons(threadName));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons(threadName + "-watchdog"));
        long period = Math.max(10, Math.min(readTimeout.toMillis(), writeTimeout.toMillis()) / 10);
        timer.scheduleWithFixedDelay(this::expire, period, period, TimeUnit.MILLISECONDS);
        watchdog = timer;
    }

    @Override
    public void execute(Runnable exchange) {
        pool.execute(new Watched(exchange));
    }

    /** Called on the exchange's thread once its request is read: the response now has {@code writeTimeout}. */
    static void responding() {
        Watched w = CURRENT.get();
        if (w != null) {
            w.enter(Phase.RESPONDING);
        }
    }

    /** Called on the exchange's thread before another thread takes the exchange over: no limits from here. */
    static void handOff() {
        Watched w = CURRENT.get();
        if (w != null) {
            w.enter(Phase.HANDED_OFF);
        }
    }

    void shutdown() {
        watchdog.shutdownNow();
        pool.shutdownNow();
    }

    ExecutorService pool() {
        return pool;
    }

    private void expire() {
        long now = System.nanoTime();
        for (Watched w : running) {
            w.expireIfLate(now);
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One exchange on one pool thread; its phase and deadline change under its own lock. */
    private final class Watched implements Runnable {
        private final Runnable exchange;
        private Thread thread;
        private Phase phase;
        private long deadline;

        Watched(Runnable exchange) {
            this.exchange = exchange;
        }

        @Override
        public void run() {
            synchronized (this) {
                thread = Thread.currentThread();
                phase = Phase.READING;
                deadline = System.nanoTime() + readTimeoutNanos;
            }
            CURRENT.set(this);
            running.add(this);
            try {
                exchange.run();
            } finally {
                running.remove(this);
                CURRENT.remove();
                synchronized (this) {
                    phase = Phase.DONE;
                    thread = null;
                }
                Thread.interrupted(); // an interrupt meant for this exchange must not reach the next one
            }
        }

        synchronized void enter(Phase next) {
            if (phase == Phase.READING || phase == Phase.RESPONDING) {
                phase = next;
                deadline = System.nanoTime() + writeTimeoutNanos;
            }
        }

        synchronized void expireIfLate(long now) {
            if ((phase == Phase.READING || phase == Phase.RESPONDING) && now - deadline > 0) {
                phase = Phase.DONE;
                thread.interrupt(); // closes the connection's channel
            }
        }
    }
}
