package io.visionstreams.app;

import io.visionstreams.batching.Workers;
import io.visionstreams.config.VisionConfig;
import io.visionstreams.config.VisionConfigDef;
import io.visionstreams.inference.ModelLoadException;
import io.visionstreams.inference.engine.Engines;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inference engine's process settings, checked against the configuration before a model
 * loads: {@code OMP_NUM_THREADS} (threads per predictor, every engine) here, the rest by the engine
 * ({@link io.visionstreams.inference.engine.InferenceEngine#preflight}), e.g. MXNet's {@code MXNET_ENGINE_TYPE}.
 */
final class EngineCheck {

    static final String OMP_THREADS = "OMP_NUM_THREADS";

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
        Engines.named(config.engine()).preflight(predictors, config.tasks().size() + " task(s) x " + perModel
                + " worker(s)", env).forEach(p -> problems.add(new PreflightProblem(p.key(), p.message())));
        if ("gpu".equals(config.device())) { // before anything else loads: the one line that says what is missing
            try {
                Engines.named(config.engine()).select(config.device());
            } catch (ModelLoadException e) {
                problems.add(new PreflightProblem(VisionConfigDef.DEVICE, e.getMessage()));
            }
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
