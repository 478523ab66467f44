package io.github.rethinkinggeneralization.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's SGEMM yardstick keeps one median per sample and summarizes what it kept since the
 * last summary. Nothing here is timed: the rates are only checked to be rates.
 */
class SgemmRateTest {
    @Test
    void summarizesTheSamplesSinceTheLastSummary() {
        SgemmRate sgemm = new SgemmRate(64);
        double first = sgemm.sample(3);
        double second = sgemm.sample(1);
        double third = sgemm.sample(2);

        SgemmRate.Summary s = sgemm.drain();

        assertThat(first).isPositive().isFinite();
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.min()).isEqualTo(Math.min(first, Math.min(second, third)));
        assertThat(s.max()).isEqualTo(Math.max(first, Math.max(second, third)));
        assertThat(s.median()).isEqualTo(ThroughputBenchmark.median(new double[] {first, second, third}));
        assertThat(s.range()).isEqualTo(String.format(Locale.ROOT, "%.0f-%.0f", s.min(), s.max()));

        sgemm.sample(1);
        assertThat(sgemm.drain().count()).as("the earlier samples are forgotten").isEqualTo(1);
    }

    @Test
    void refusesASummaryOfNothingAndSenselessSizes() {
        SgemmRate sgemm = new SgemmRate(8);
        assertThatThrownBy(sgemm::drain).isInstanceOf(IllegalStateException.class).hasMessageContaining("no SGEMM sample");
        assertThatThrownBy(() -> sgemm.sample(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeats");
        assertThatThrownBy(() -> new SgemmRate(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matrix size");
    }
}
