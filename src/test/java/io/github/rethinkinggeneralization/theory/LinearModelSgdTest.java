package io.github.rethinkinggeneralization.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LinearModelSgdTest {
    private static final int N = 60;
    private static final int D = 200;
    private static final SgdSpec FROM_ZERO = SgdSpec.fromZero(50, 10, 0.9, 1);

    private static INDArray points() {
        return Nd4j.createFromArray(RandomSamples.gaussianPoints(N, D, 1));
    }

    private static int[] labels() {
        double[] y = RandomSamples.classLabels(N, 10, 2);
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = (int) y[i];
        }
        return labels;
    }

    @Test
    void sgdFromZeroApproachesTheMinimumNormSolutionAndInterpolates() {
        SgdTrajectory t = LinearModelSgd.train(points(), labels(), 10, FROM_ZERO);

        assertThat(t.last().relativeDistance()).isLessThan(1e-4).isLessThan(t.first().relativeDistance() / 1000);
        assertThat(t.last().trainError()).isZero();
        assertThat(t.finalNorm()).isCloseTo(t.minimumNorm(), within(1e-3 * t.minimumNorm()));
    }

    @Test
    void sgdFromZeroNeverLeavesTheSpanOfTheData() {
        SgdTrajectory t = LinearModelSgd.train(points(), labels(), 10, FROM_ZERO.withEpochs(5));

        assertThat(t.epochs()).allSatisfy(e -> assertThat(e.nullSpaceDistance()).isLessThan(1e-10));
        assertThat(t.predictedLimitDistance()).isZero();
    }

    @Test
    void sgdFromNonZeroInitInterpolatesButStaysAwayFromTheMinimumNormSolution() {
        SgdTrajectory t = LinearModelSgd.train(points(), labels(), 10, FROM_ZERO.withInitScale(0.05));

        assertThat(t.last().trainError()).isZero();
        assertThat(t.last().maxResidual()).isLessThan(1e-3);
        assertThat(t.predictedLimitDistance()).isGreaterThan(1);
        assertThat(t.last().relativeDistance()).isCloseTo(t.predictedLimitDistance(), within(1e-3 * t.predictedLimitDistance()));
        assertThat(t.finalNorm()).isGreaterThan(t.minimumNorm());
    }
}
