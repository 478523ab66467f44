package io.github.rethinkinggeneralization.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.data.DatasetKind;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.model.ParameterCount;
import io.github.rethinkinggeneralization.train.Budget;
import io.github.rethinkinggeneralization.train.EpochRecord;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import io.github.rethinkinggeneralization.train.ExperimentSpec;
import io.github.rethinkinggeneralization.train.StopReason;
import io.github.rethinkinggeneralization.train.TrainingCurve;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fig. 1a's "start converging", on hand-made learning curves of 8 steps per epoch. */
class ConvergenceStartTest {
    private final ConvergenceStart start = new ConvergenceStart(0.5);

    private static ExperimentResult run(double... losses) {
        ExperimentSpec spec = ExperimentSpec.paper(Architecture.SMALL_INCEPTION, DatasetKind.CIFAR10, 1000, 1000)
                .withCondition(DataCondition.randomLabels()).withBudget(new Budget(0.995, 80, 240));
        List<EpochRecord> epochs = new ArrayList<>();
        for (int e = 1; e <= losses.length; e++) {
            epochs.add(new EpochRecord(e, 8L * e, losses[e - 1], 0.5, Double.NaN, 0.1, e));
        }
        return new ExperimentResult(spec, "cifar10", "hand-made", "28x28x3", 10, new ParameterCount(1, 1), "SGD",
                StopReason.TARGET_REACHED, 0.995, 0.1, 0.1, losses.length, 8L * losses.length, losses.length,
                new TrainingCurve(epochs), null);
    }

    @Test
    void theStartIsTheFirstEpochAtHalfTheChanceLoss() {
        assertThat(start.lossLevel(10)).isEqualTo(0.5 * Math.log(10));
        // ln 10 / 2 = 1.151
        assertThat(start.steps(run(2.30, 1.90, 1.16, 1.15, 0.2, 1.4))).isEqualTo(32L);
        assertThat(start.steps(run(2.30, 2.20))).isNull();
    }

    @Test
    void aLateStartThatConvergesQuicklyIsStillLate() {
        // Fig. 1a: random labels start late, then converge quickly (and may reach the target first)
        ExperimentResult labels = run(2.3, 2.2, 2.1, 1.0, 0.05);
        ExperimentResult pixels = run(2.0, 1.1, 0.6, 0.3, 0.2, 0.1, 0.05);
        assertThat(ConvergenceStart.startedBefore(start.steps(pixels), start.steps(labels))).isTrue();
        assertThat(ConvergenceStart.startedBefore(start.steps(labels), start.steps(pixels))).isFalse();
    }

    @Test
    void aRunThatNeverStartedComesLastAndTiesAreNotBefore() {
        assertThat(ConvergenceStart.startedBefore(8L, null)).isTrue();
        assertThat(ConvergenceStart.startedBefore(null, 8L)).isFalse();
        assertThat(ConvergenceStart.startedBefore(null, null)).isFalse();
        assertThat(ConvergenceStart.startedBefore(16L, 16L)).isFalse();
    }

    @Test
    void theFractionMustLieBetweenZeroAndOne() {
        assertThatThrownBy(() -> new ConvergenceStart(1.0)).hasMessageContaining("(0, 1)");
        assertThat(ConvergenceStart.from(Thresholds.load()).lossLevel(10)).isPositive();
    }
}
