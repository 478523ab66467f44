package io.github.rethinkinggeneralization.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rethinkinggeneralization.data.DataDirectory;
import io.github.rethinkinggeneralization.data.DatasetCatalog;
import io.github.rethinkinggeneralization.data.DatasetKind;
import io.github.rethinkinggeneralization.data.ImageShape;
import io.github.rethinkinggeneralization.data.SyntheticImages;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.model.ModelSpec;
import io.github.rethinkinggeneralization.model.NetworkFactory;
import io.github.rethinkinggeneralization.model.Regularization;
import io.github.rethinkinggeneralization.report.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class TrainerTest {
    @TempDir
    Path emptyDataDir;

    private ExperimentSpec tiny() {
        return ExperimentSpec.paper(Architecture.MLP_1X512, DatasetKind.SYNTHETIC, 200, 100)
                .withWidth(0.125).withBudget(new Budget(1.0, 3, 60));
    }

    private Experiment experiment() {
        return new Experiment(new DatasetCatalog(new DataDirectory(emptyDataDir)));
    }

    @Test
    void sameSeedGivesTheSameCurve() {
        ExperimentResult a = experiment().run(tiny(), new TrainingMonitor(), e -> { });
        ExperimentResult b = experiment().run(tiny(), new TrainingMonitor(), e -> { });
        assertThat(a.curve().epochs()).extracting(EpochRecord::trainLoss)
                .isEqualTo(b.curve().epochs().stream().map(EpochRecord::trainLoss).toList());
        assertThat(a.testAccuracy()).isEqualTo(b.testAccuracy());
    }

    @Test
    void epochBudgetStopsTraining() {
        ExperimentResult r = experiment().run(tiny().withBudget(new Budget(1.0, 2, 60)), new TrainingMonitor(), e -> { });
        assertThat(r.curve().epochs()).hasSize(2);
        assertThat(r.stopReason()).isIn(StopReason.EPOCH_BUDGET, StopReason.TARGET_REACHED);
        assertThat(r.curve().last().steps()).isEqualTo(2 * 2); // 200 images / batch 128 -> 2 steps per epoch
    }

    @Test
    void reachableTargetStopsEarlyAndRecordsEpochsToTarget() {
        ExperimentResult r = experiment().run(tiny().withBudget(new Budget(0.05, 10, 60)), new TrainingMonitor(), e -> { });
        assertThat(r.stopReason()).isEqualTo(StopReason.TARGET_REACHED);
        assertThat(r.epochsToTarget()).isEqualTo(1);
    }

    @Test
    void hugeLearningRateIsReportedAsDivergence() {
        ExperimentSpec spec = tiny().withOptimizer(OptimizerSpec.paper(Architecture.MLP_1X512).withLearningRate(1e12));
        TrainingMonitor monitor = new TrainingMonitor();
        ExperimentResult r = experiment().run(spec, monitor, e -> { });
        assertThat(r.stopReason()).isEqualTo(StopReason.DIVERGED);
        assertThat(monitor.hasDiverged()).isTrue();
    }

    @Test
    void randomCropAugmentationTrainsOnCropsOfTheCroppedShape() {
        ExperimentResult r = experiment().run(tiny().withRegularization(Regularization.none().withRandomCrop(true)),
                new TrainingMonitor(), e -> { });
        assertThat(r.inputShape()).isEqualTo("28x28x3");
        assertThat(r.curve().epochs()).isNotEmpty();
    }

    @Test
    void resultSerializesToJsonAndBack() {
        ExperimentResult r = experiment().run(tiny().withBudget(new Budget(1.0, 1, 60)), new TrainingMonitor(), e -> { });
        String json = Json.write(r);
        assertThat(json).contains("\"trainAccuracy\"").contains("\"architecture\" : \"MLP_1X512\"").doesNotContain("\"empty\"");
        ExperimentResult back = Json.read(json, ExperimentResult.class);
        assertThat(back.spec()).isEqualTo(r.spec());
        assertThat(back.curve()).isEqualTo(r.curve());
        assertThat(back.testConfusion()).isEqualTo(r.testConfusion());
    }

    @Test
    void theTestPredictionsBehindTheLastTestAccuracyAreKept() {
        ExperimentResult r = experiment().run(tiny().withBudget(new Budget(1.0, 2, 60)), new TrainingMonitor(), e -> { });
        assertThat(r.testConfusion().total()).isEqualTo(100);
        assertThat(r.testConfusion().numClasses()).isEqualTo(10);
        assertThat(r.testConfusion().accuracy()).isEqualTo(r.testAccuracy());
    }

    @Test
    void recordsWrittenBeforeTestPredictionsWereKeptReadBackWithout() {
        ExperimentResult r = experiment().run(tiny().withBudget(new Budget(1.0, 1, 60)), new TrainingMonitor(), e -> { });
        String old = Json.write(r).replaceAll(",\\s*\"testConfusion\"\\s*:\\s*\\{[^}]*\\}", "");
        assertThat(old).doesNotContain("testConfusion");
        assertThat(Json.read(old, ExperimentResult.class).testConfusion()).isNull();
    }

    @Test
    void testEverySkipsTheTestSetBetweenItsEpochsButAlwaysMeasuresTheLast() {
        ExperimentResult r = experiment().run(tiny().withBudget(new Budget(1.0, 3, 60, 2)), new TrainingMonitor(), e -> { });
        assertThat(r.curve().epochs()).extracting(EpochRecord::testAccuracy)
                .satisfiesExactly(a -> assertThat(a).isNaN(), a -> assertThat(a).isBetween(0.0, 1.0),
                        a -> assertThat(a).isBetween(0.0, 1.0));
        assertThat(r.testAccuracy()).isEqualTo(r.curve().last().testAccuracy());
        assertThat(r.curve().bestTestAccuracy()).isNotNaN();
        assertThat(ProgressLine.format("x", 3, r.curve().epochs().get(0))).contains("test -");
        ExperimentResult back = Json.read(Json.write(r), ExperimentResult.class);
        assertThat(back.curve()).isEqualTo(r.curve());
    }

    @Test
    void budgetsWithoutTestEveryReadBackAsEveryEpoch() {
        assertThat(Json.read("{\"targetTrainAccuracy\":0.99,\"maxEpochs\":5,\"maxSeconds\":60}", Budget.class).testEvery())
                .isEqualTo(1);
    }

    @Test
    void curveExportsAsCsvWithOneLinePerEpoch() {
        ExperimentResult r = experiment().run(tiny().withBudget(new Budget(1.0, 2, 60)), new TrainingMonitor(), e -> { });
        assertThat(r.curve().toCsv().lines()).hasSize(3).first().asString().startsWith("epoch,steps,train_loss");
    }

    @Test
    void learningRateDecaysByTheFactorEachEpoch() {
        OptimizerSpec o = OptimizerSpec.paper(Architecture.SMALL_INCEPTION);
        assertThat(o.learningRateAt(0)).isEqualTo(0.1);
        assertThat(o.learningRateAt(2)).isCloseTo(0.1 * 0.95 * 0.95, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void thePapersOptimizerDoesNotClipAndAClippedOneSaysSo() {
        OptimizerSpec paper = OptimizerSpec.paper(Architecture.SMALL_INCEPTION);
        assertThat(paper.clipping().isOn()).isFalse();
        assertThat(paper.describe()).doesNotContain("clipped");
        OptimizerSpec clipped = paper.withClipping(io.github.rethinkinggeneralization.model.GradientClipping.l2PerLayer(1.0))
                .withLearningRate(0.01);
        assertThat(clipped.clipping().maxL2PerLayer()).isEqualTo(1.0);
        assertThat(clipped.describe()).contains("lr 0.01").contains("clipped to 1.0 per layer");
        assertThat(clipped).isNotEqualTo(paper.withLearningRate(0.01));
    }

    @Test
    void anOptimizerReadsBackFromJsonWithItsClippingAndWithoutIt() throws Exception {
        var json = io.github.rethinkinggeneralization.report.Json.mapper();
        OptimizerSpec clipped = OptimizerSpec.paper(Architecture.SMALL_INCEPTION)
                .withClipping(io.github.rethinkinggeneralization.model.GradientClipping.l2PerLayer(1.0));
        assertThat(json.readValue(json.writeValueAsString(clipped), OptimizerSpec.class)).isEqualTo(clipped);
        OptimizerSpec old = json.readValue("{\"learningRate\":0.01,\"momentum\":0.9,\"decayPerEpoch\":0.95,\"batchSize\":128}",
                OptimizerSpec.class);
        assertThat(old.clipping().isOn()).isFalse();
    }

    @Test
    void aRunGivesTheSameCurveWhileAnotherTrainsBesideIt() throws Exception {
        // the claim suite trains two runs at once (-Dclaims.parallel): ND4J's random generator is per
        // thread, and each run seeds its own, so a neighbour's draws must not reach a run's curve
        ExperimentResult alone = experiment().run(tiny(), new TrainingMonitor(), e -> { });
        ExperimentSpec neighbour = tiny().withSeed(99).withRegularization(Regularization.none().withDropout(0.5))
                .withBudget(new Budget(1.0, 30, 60));
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<ExperimentResult> other = two.submit(() -> experiment().run(neighbour, new TrainingMonitor(), e -> { }));
            Future<ExperimentResult> beside = two.submit(() -> experiment().run(tiny(), new TrainingMonitor(), e -> { }));
            assertThat(beside.get().curve().epochs()).extracting(EpochRecord::trainLoss)
                    .isEqualTo(alone.curve().epochs().stream().map(EpochRecord::trainLoss).toList());
            assertThat(beside.get().testAccuracy()).isEqualTo(alone.testAccuracy());
            assertThat(other.get().curve().epochs()).isNotEmpty();
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void eachMinibatchIsFreedAfterItsStepAndTheImagesStayUsable() {
        ImageTensors images = new ImageTensors(new SyntheticImages(new ImageShape(1, 6, 6), 10, 0.35f, 5).draw(50, 0));
        List<DataSet> drawn = new ArrayList<>();
        TrainingImages recording = new TrainingImages() {
            @Override
            public int size() {
                return images.size();
            }

            @Override
            public DataSet batch(int[] indices, Random random) {
                DataSet b = images.batch(indices, random);
                drawn.add(b);
                return b;
            }

            @Override
            public ImageTensors forEvaluation() {
                return images;
            }
        };
        OptimizerSpec optimizer = OptimizerSpec.paper(Architecture.MLP_1X512).withBatchSize(20);
        ComputationGraph net = NetworkFactory.build(ModelSpec.of(Architecture.MLP_1X512).withWidth(0.125), new ImageShape(1, 6, 6),
                10, optimizer.updater(), 1);
        TrainingOutcome outcome = new Trainer(optimizer, new Budget(1.0, 2, 60), 1, e -> { })
                .train(net, recording, images, new TrainingMonitor());
        assertThat(drawn).hasSize(3 * outcome.curve().epochs().size()); // 50 images in minibatches of 20
        assertThat(drawn).allSatisfy(b -> {
            assertThat(b.getFeatures().wasClosed()).as("features").isTrue();
            assertThat(b.getLabels().wasClosed()).as("labels").isTrue();
        });
        assertThat(images.features().wasClosed()).isFalse();
        assertThat(outcome.curve().last().testAccuracy()).isEqualTo(Accuracy.of(net, images));
    }
}
