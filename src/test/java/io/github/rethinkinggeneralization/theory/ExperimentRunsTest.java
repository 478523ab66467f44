package io.github.rethinkinggeneralization.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rethinkinggeneralization.data.DataDirectory;
import io.github.rethinkinggeneralization.data.DatasetCatalog;
import io.github.rethinkinggeneralization.report.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunsTest {

    @Test
    void expressivityRunReportsAnExactFitTheParameterCountAndTheControlsError(@TempDir Path empty) {
        ExpressivitySpec spec = ExpressivitySpec.gaussian(120, 6, LabelKind.RANDOM_CLASSES, 1);

        ExpressivityResult r = FiniteSampleExpressivity.run(spec, new DatasetCatalog(new DataDirectory(empty)));

        assertThat(r.fitsExactly()).isTrue();
        assertThat(r.freeParameters()).isEqualTo(r.theoremParameters()).isEqualTo(2L * 120 + 6);
        assertThat(r.controlUnits()).isEqualTo(60);
        assertThat(r.controlMaxAbsError()).isGreaterThan(1e6 * r.tolerance());
        assertThat(Json.write(r)).contains("\"maxAbsError\"", "\"tolerance\"", "\"toleranceIfFloat\"");
    }

    @Test
    void kernelRunOnSyntheticImagesInterpolatesAndScoresTheTestSet(@TempDir Path empty) {
        KernelSpec spec = KernelSpec.gaussian("synthetic", 1.0, 100, 50, 1);

        KernelInterpolationResult r = MinimumNormInterpolation.run(spec, new DatasetCatalog(new DataDirectory(empty)));

        assertThat(r.trainError()).isZero();
        assertThat(r.maxTrainResidual()).isLessThanOrEqualTo(r.residualTolerance());
        assertThat(r.nTrain()).isEqualTo(100);
        assertThat(r.nTest()).isEqualTo(50);
        assertThat(r.conditionNumber()).isGreaterThan(1).isFinite();
        assertThat(r.norm()).isPositive();
        assertThat(r.testAccuracy()).isBetween(0.0, 1.0);
    }

    @Test
    void gaussianPointsHaveNoTrueClasses() {
        assertThatThrownBy(() -> ExpressivitySpec.gaussian(10, 2, LabelKind.TRUE_CLASSES, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no true classes");
    }

    @Test
    void linearKernelTakesNoBandwidth() {
        assertThatThrownBy(() -> new KernelSpec("mnist", KernelSpec.LINEAR, 1.0, LabelKind.TRUE_CLASSES, 10, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bandwidth");
    }
}
