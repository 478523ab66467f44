package io.github.rethinkinggeneralization.claims.support;

import static org.awaitility.Awaitility.await;

import io.github.rethinkinggeneralization.claims.CaseVerdict;
import io.github.rethinkinggeneralization.claims.ModelScale;
import io.github.rethinkinggeneralization.claims.Profile;
import io.github.rethinkinggeneralization.claims.SyntheticFallback;
import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.data.DatasetCatalog;
import io.github.rethinkinggeneralization.data.DatasetKind;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.theory.ExpressivitySpec;
import io.github.rethinkinggeneralization.train.Budget;
import io.github.rethinkinggeneralization.train.Experiment;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import io.github.rethinkinggeneralization.train.ExperimentSpec;
import io.github.rethinkinggeneralization.train.OptimizerSpec;
import io.github.rethinkinggeneralization.train.ProgressLine;
import io.github.rethinkinggeneralization.train.TrainingMonitor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the claim suite's experiments in background threads, awaited with Awaitility (bounded wall
 * time, failing fast on a NaN loss), and memoised per spec for the JVM so that claims sharing a run
 * (C1's true/random-label runs feed C3) train it once, also when two claims ask for it at the same
 * time. At most {@value #PARALLEL_PROPERTY} runs train at once (default 2): the claim test classes
 * run that many at a time (the failsafe configuration in the pom), each run seeded on its own
 * thread, so a run's curve does not depend on what trains beside it.
 */
public final class ClaimRuns {
    /** CIFAR-10's training set size, the paper's epoch. */
    private static final int PAPER_TRAINING_SET = 50_000;
    /** Slack on top of a run's own wall-time budget before the await gives up on it. */
    private static final Duration AWAIT_SLACK = Duration.ofSeconds(120);
    /** System property: how many runs train at once. */
    public static final String PARALLEL_PROPERTY = "claims.parallel";
    private static final AtomicInteger TRAINER_THREADS = new AtomicInteger();
    private static ExecutorService trainers;
    private static final Map<ExperimentSpec, Run> RUNS = new ConcurrentHashMap<>();
    private static Profile profile;
    private static DatasetCatalog catalog;

    private ClaimRuns() {
    }

    /** The profile this run of the suite uses. */
    public static synchronized Profile profile() {
        if (profile == null) {
            profile = Profile.current();
        }
        return profile;
    }

    /**
     * A claim case's verdict as measured on {@code dataset}, qualified for the synthetic fallback
     * ({@link SyntheticFallback}): report what this returns, then call {@link #abortIfOnlyFallback}.
     */
    public static CaseVerdict qualified(CaseVerdict verdict, String dataset) {
        return SyntheticFallback.qualify(verdict, dataset, "Provide CIFAR-10 to test the claim: "
                + catalog().howToProvide(DatasetKind.CIFAR10) + ".");
    }

    /**
     * Aborts (skips) the calling case when its reported verdict is INCONCLUSIVE only because it ran on
     * the synthetic fallback: the report already says so with the numbers, and a fresh machine
     * without data keeps a green build. On real data nothing happens, and the assertion decides.
     */
    public static void abortIfOnlyFallback(CaseVerdict reported, String dataset) {
        Assumptions.assumeFalse(SyntheticFallback.isFallback(dataset) && !reported.reproduced(),
                () -> "not a test of the claim on the synthetic fallback dataset: " + reported.explanation());
    }

    public static synchronized DatasetCatalog catalog() {
        if (catalog == null) {
            catalog = DatasetCatalog.fromConfiguration();
        }
        return catalog;
    }

    /**
     * The profile's dataset: "best" picks the most realistic one present; a named real dataset
     * that is absent skips the calling test with a message saying how to provide it.
     */
    public static DatasetKind dataset() {
        String wanted = profile().dataset();
        if ("best".equals(wanted)) {
            return catalog().best();
        }
        DatasetKind kind = DatasetKind.fromId(wanted);
        Assumptions.assumeTrue(catalog().isPresent(kind),
                () -> "profile '" + profile().name() + "' needs " + kind.id() + ", which is absent: " + catalog().howToProvide(kind));
        return kind;
    }

    /**
     * Skips the calling test, saying how to provide the data, when the inputs of a theory case
     * name a real dataset that is absent (generated Gaussian inputs are always present).
     */
    public static void assumeInputsPresent(String inputs) {
        if (ExpressivitySpec.GAUSSIAN.equals(inputs)) {
            return;
        }
        DatasetKind kind = DatasetKind.fromId(inputs);
        Assumptions.assumeTrue(catalog().isPresent(kind), () -> kind.id() + " is absent: " + catalog().howToProvide(kind));
    }

    /**
     * The spec of an architecture under a condition at the profile's scale for that architecture.
     * The paper decays the learning rate by 0.95 per epoch of 50,000 images; on a subset the same
     * decay is spread over 50,000 images seen, so the schedule per SGD step matches the paper's.
     */
    public static ExperimentSpec spec(Architecture architecture, ModelScale scale, DataCondition condition, long seed) {
        OptimizerSpec paper = OptimizerSpec.paper(architecture);
        double decay = Math.pow(paper.decayPerEpoch(), scale.nTrain() / (double) PAPER_TRAINING_SET);
        return ExperimentSpec.paper(architecture, dataset(), scale.nTrain(), scale.nTest())
                .withOptimizer(new OptimizerSpec(paper.learningRate(), paper.momentum(), decay, paper.batchSize()))
                .withWidth(scale.width())
                .withCondition(condition)
                .withBudget(new Budget(profile().targetTrainAccuracy(), scale.maxEpochs(), scale.maxSeconds(), scale.testEvery()))
                .withSeed(seed);
    }

    /** How many runs train at once ({@value #PARALLEL_PROPERTY}, default 2, at least 1). */
    public static int parallelRuns() {
        String value = System.getProperty(PARALLEL_PROPERTY, "").trim();
        if (value.isEmpty()) {
            return 2;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PARALLEL_PROPERTY + "=" + value
                + ": how many training runs at once must be a whole number of at least 1 (1 runs the claims one at a time)");
    }

    /** Trains (or recalls, or waits for another claim's training of) the run of {@code spec}. */
    public static ExperimentResult train(ExperimentSpec spec) {
        Run run = RUNS.computeIfAbsent(spec, ClaimRuns::start);
        try {
            await("training " + spec.label())
                    .atMost(Duration.ofMillis((long) (spec.budget().maxSeconds() * 1000)).plus(AWAIT_SLACK))
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("training diverged (NaN or infinite loss): " + spec.label(), run.monitor()::hasDiverged)
                    .until(run.result()::isDone);
        } catch (RuntimeException e) {
            run.monitor().cancel();
            RUNS.remove(spec, run);
            throw e;
        }
        try {
            return run.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            RUNS.remove(spec, run);
            throw new IllegalStateException("training failed: " + spec.label() + ": " + e.getCause(), e.getCause());
        }
    }

    /**
     * Trains (or recalls) the runs of {@code specs}, in their order: all are queued for the trainer
     * threads first, so that they train side by side, then each is awaited as {@link #train} does.
     */
    public static List<ExperimentResult> trainAll(List<ExperimentSpec> specs) {
        specs.forEach(spec -> RUNS.computeIfAbsent(spec, ClaimRuns::start));
        return specs.stream().map(ClaimRuns::train).toList();
    }

    private static Run start(ExperimentSpec spec) {
        TrainingMonitor monitor = new TrainingMonitor();
        Experiment experiment = new Experiment(catalog());
        return new Run(trainers().submit(() -> experiment.run(spec, monitor,
                new ProgressLine(spec.label(), spec.budget().maxEpochs(), 15, System.out))), monitor);
    }

    /** The trainer threads, started with the first run (so a bad {@value #PARALLEL_PROPERTY} fails that run). */
    private static synchronized ExecutorService trainers() {
        if (trainers == null) {
            trainers = Executors.newFixedThreadPool(parallelRuns(), r -> {
                Thread t = new Thread(r, "claim-trainer-" + TRAINER_THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return trainers;
    }

    /** A run started (or done) and what watches it. */
    private record Run(Future<ExperimentResult> result, TrainingMonitor monitor) {
    }
}
