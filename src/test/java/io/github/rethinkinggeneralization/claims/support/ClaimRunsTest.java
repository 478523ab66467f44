package io.github.rethinkinggeneralization.claims.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rethinkinggeneralization.data.DatasetKind;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.train.Budget;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import io.github.rethinkinggeneralization.train.ExperimentSpec;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClaimRunsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(ClaimRuns.PARALLEL_PROPERTY);
    }

    @Test
    void twoClaimsAskingForOneRunAtOnceShareOneTraining() throws Exception {
        // long enough (40 epochs) that the second request arrives while the first is training
        ExperimentSpec spec = ExperimentSpec.paper(Architecture.MLP_1X512, DatasetKind.SYNTHETIC, 200, 100)
                .withWidth(0.125).withBudget(new Budget(1.0, 40, 120)).withSeed(4242);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService claims = Executors.newFixedThreadPool(2);
        try {
            Future<ExperimentResult> first = claims.submit(() -> {
                start.await();
                return ClaimRuns.train(spec);
            });
            Future<ExperimentResult> second = claims.submit(() -> {
                start.await();
                return ClaimRuns.train(spec);
            });
            start.countDown();
            assertThat(first.get()).isSameAs(second.get());
            assertThat(ClaimRuns.train(spec)).as("asked again later").isSameAs(first.get());
        } finally {
            claims.shutdownNow();
        }
    }

    @Test
    void runsQueuedTogetherComeBackInTheirOrderAndAreRecalledLater() {
        ExperimentSpec base = ExperimentSpec.paper(Architecture.MLP_1X512, DatasetKind.SYNTHETIC, 200, 100)
                .withWidth(0.125).withBudget(new Budget(1.0, 3, 120));
        List<ExperimentSpec> specs = List.of(base.withSeed(11), base.withSeed(12), base.withSeed(13));
        List<ExperimentResult> results = ClaimRuns.trainAll(specs);
        assertThat(results).extracting(r -> r.spec().seed()).containsExactly(11L, 12L, 13L);
        assertThat(ClaimRuns.train(specs.get(1))).isSameAs(results.get(1));
    }

    @Test
    void twoRunsTrainAtOnceUnlessToldOtherwise() {
        assertThat(ClaimRuns.parallelRuns()).isEqualTo(2);
        System.setProperty(ClaimRuns.PARALLEL_PROPERTY, "1");
        assertThat(ClaimRuns.parallelRuns()).isEqualTo(1);
        System.setProperty(ClaimRuns.PARALLEL_PROPERTY, " 3 ");
        assertThat(ClaimRuns.parallelRuns()).isEqualTo(3);
    }

    @Test
    void aParallelismBelowOneIsABadConfigurationThatSaysHowToFixIt() {
        System.setProperty(ClaimRuns.PARALLEL_PROPERTY, "0");
        assertThatThrownBy(ClaimRuns::parallelRuns).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dclaims.parallel=0").hasMessageContaining("at least 1");
        System.setProperty(ClaimRuns.PARALLEL_PROPERTY, "two");
        assertThatThrownBy(ClaimRuns::parallelRuns).hasMessageContaining("-Dclaims.parallel=two");
    }
}
