package io.visionstreams.app;

import io.visionstreams.batching.Workers;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.config.VisionConfigDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inference engine's process settings, checked against the configuration before a model
 * loads: MXNet reads {@code MXNET_ENGINE_TYPE} and {@code OMP_NUM_THREADS} once, at start.
 */
final class EngineCheck {

    static final String ENGINE_TYPE = "MXNET_ENGINE_TYPE";
    static final String OMP_THREADS = "OMP_NUM_THREADS";
    static final String NAIVE = "NaiveEngine";

    private EngineCheck() {}

    /**
     * @param env   the process environment
     * @param cores the cores this process may use
     */
    static List<PreflightProblem> check(VisionConfig config, Map<String, String> env, int cores) {
        List<PreflightProblem> problems = new ArrayList<>();
        String omp = env.get(OMP_THREADS);
        Integer ompThreads = null;
        if (omp != null) {
            try {
                ompThreads = Integer.parseInt(omp.split(",", -1)[0].trim());
            } catch (NumberFormatException e) {
                // reported below
            }
            if (ompThreads == null || ompThreads < 1) {
                problems.add(new PreflightProblem(OMP_THREADS, "'" + omp + "' is not a positive number of threads per "
                        + "predictor (OpenMP would ignore it and use every core): set it to 1, the launcher's default"));
                ompThreads = null;
            }
        }
        boolean gpu = "gpu".equals(config.device());
        int perModel = Workers.resolve(config.batching().workers(), gpu, omp);
        int predictors = perModel * config.tasks().size();
        String engine = env.get(ENGINE_TYPE);
        if (predictors > 1 && !NAIVE.equals(engine)) {
            problems.add(new PreflightProblem(ENGINE_TYPE, (engine == null ? "is not set (MXNet's threaded engine)"
                    : "is '" + engine + "'") + " while " + predictors + " predictors run side by side ("
                    + config.tasks().size() + " task(s) x " + perModel + " worker(s)): set " + ENGINE_TYPE + "=" + NAIVE
                    + ", as DJL advises for multi-threaded MXNet inference (the launcher and the Docker image do)"));
        }
        int threadsEach = ompThreads == null ? cores : ompThreads;
        if (!gpu && config.batching().workers() > 0 && perModel * threadsEach > cores) {
            problems.add(new PreflightProblem(VisionConfigDef.BATCH_WORKERS, perModel + " inference workers x "
                    + threadsEach + " OpenMP thread(s) each (" + OMP_THREADS + (omp == null ? " unset: every core" : "=" + omp)
                    + ") oversubscribe the " + cores + " core(s) of this process: lower " + VisionConfigDef.BATCH_WORKERS
                    + " (0: one per core) or " + OMP_THREADS));
        }
        return problems;
    }
}
