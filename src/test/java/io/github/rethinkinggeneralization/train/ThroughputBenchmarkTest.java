package io.github.rethinkinggeneralization.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rethinkinggeneralization.model.Architecture;
import org.junit.jupiter.api.Test;

/**
 * The throughput benchmark's measurement runs, one network alone and copies side by side, with one
 * SGEMM sample per timed epoch; bad schedules are refused. Nothing here is timed: the rates are
 * only checked to be rates.
 */
class ThroughputBenchmarkTest {
    private static final ThroughputBenchmark.Schedule SHORT = new ThroughputBenchmark.Schedule(1, 0, 3);

    @Test
    void twoCopiesSideBySideTrainTheirEpochsAndSampleSgemmOnceAnEpoch() {
        SgemmRate sgemm = new SgemmRate(64);

        ThroughputBenchmark.Throughput t = ThroughputBenchmark.trainingImagesPerSecond(Architecture.MLP_1X512, 0.05, sgemm, 2, SHORT);

        assertThat(t.imagesPerSecond()).isPositive().isFinite();
        assertThat(t.warmupEpochs()).isEqualTo(1);
        assertThat(sgemm.drain().count()).as("one SGEMM sample after each timed epoch").isEqualTo(3);
    }

    @Test
    void oneNetworkAloneToo() {
        SgemmRate sgemm = new SgemmRate(64);

        ThroughputBenchmark.Throughput t = ThroughputBenchmark.trainingImagesPerSecond(Architecture.MLP_1X512, 0.05, sgemm, 1, SHORT);

        assertThat(t.imagesPerSecond()).isPositive().isFinite();
        assertThat(sgemm.drain().count()).isEqualTo(3);
    }

    @Test
    void aCopyThatFailsStopsTheRunWithItsCauseInsteadOfHanging() {
        assertThatThrownBy(() -> ThroughputBenchmark.trainingImagesPerSecond(Architecture.MLP_1X512, 0.0, new SgemmRate(8), 2, SHORT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("training mlp-1x512 x0.0 failed")
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("width multiplier must lie in (0, 8], got 0.0");
    }

    @Test
    void refusesNoCopiesAndEmptySchedules() {
        assertThatThrownBy(() -> ThroughputBenchmark.trainingImagesPerSecond(Architecture.MLP_1X512, 0.05, new SgemmRate(8), 0, SHORT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at once");
        assertThatThrownBy(() -> new ThroughputBenchmark.Schedule(1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bench.epochs");
        assertThatThrownBy(() -> new ThroughputBenchmark.Schedule(-1, 0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bench.warmup");
    }
}
