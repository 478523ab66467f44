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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the claim suite's experiments: one at a time in a background thread, awaited with
 * Awaitility (bounded wall time, failing fast on a NaN loss), and memoised per spec for the JVM so
 * that claims sharing a run (C1's true/random-label runs feed C3) train it once.
 */
public final class ClaimRuns {
    /** Slack on top of a run's own wall-time budget before the await gives up on it. */
    /** CIFAR-10's training set size, the paper's epoch. */
    private static final int PAPER_TRAINING_SET = 50_000;
    private static final Duration AWAIT_SLACK = Duration.ofSeconds(120);
    private static final ExecutorService TRAINER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "claim-trainer");
        t.setDaemon(true);
        return t;
    });
    private static final Map<ExperimentSpec, ExperimentResult> DONE = new ConcurrentHashMap<>();
    private static volatile Profile profile;
    private static volatile DatasetCatalog catalog;

    private ClaimRuns() {
    }

    /** The profile this run of the suite uses. */
    public static Profile profile() {
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

    public static DatasetCatalog catalog() {
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

    /** Trains (or recalls) the run of {@code spec}. */
    public static ExperimentResult train(ExperimentSpec spec) {
        ExperimentResult cached = DONE.get(spec);
        if (cached != null) {
            return cached;
        }
        TrainingMonitor monitor = new TrainingMonitor();
        Experiment experiment = new Experiment(catalog());
        Future<ExperimentResult> run = TRAINER.submit(() -> experiment.run(spec, monitor,
                new ProgressLine(spec.label(), spec.budget().maxEpochs(), 15, System.out)));
        try {
            await("training " + spec.label())
                    .atMost(Duration.ofMillis((long) (spec.budget().maxSeconds() * 1000)).plus(AWAIT_SLACK))
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("training diverged (NaN or infinite loss): " + spec.label(), monitor::hasDiverged)
                    .until(run::isDone);
        } catch (RuntimeException e) {
            monitor.cancel();
            throw e;
        }
        try {
            ExperimentResult result = run.get();
            DONE.put(spec, result);
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("training failed: " + spec.label() + ": " + e.getCause(), e.getCause());
        }
    }
}
