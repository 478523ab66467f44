package io.github.rethinkinggeneralization.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Theorem1ConstructionTest {

    private static double maxAbsError(double[] predicted, double[] labels) {
        return FiniteSampleExpressivity.maxAbsError(predicted, labels);
    }

    @ParameterizedTest(name = "n={0}, d={1}")
    @CsvSource({"200, 3", "400, 1", "5, 300", "60, 60", "1, 4"})
    void dl4jNetworkFitsRandomRealLabelsWithinTheDerivedTolerance(int n, int d) {
        double[][] x = RandomSamples.gaussianPoints(n, d, 1);
        double[] y = RandomSamples.gaussianLabels(n, 2);

        Theorem1Fit fit = Theorem1Construction.fit(x, y, 3);

        assertThat(maxAbsError(fit.net().evaluate(x), y)).isLessThanOrEqualTo(fit.tolerance().value());
    }

    @ParameterizedTest(name = "n={0}, d={1}")
    @CsvSource({"300, 2", "8, 500", "100, 100"})
    void dl4jNetworkFitsRandomClassLabelsWithinTheDerivedTolerance(int n, int d) {
        double[][] x = RandomSamples.gaussianPoints(n, d, 4);
        double[] y = RandomSamples.classLabels(n, 10, 5);

        Theorem1Fit fit = Theorem1Construction.fit(x, y, 6);

        assertThat(maxAbsError(fit.net().evaluate(x), y)).isLessThanOrEqualTo(fit.tolerance().value());
    }

    @Test
    void toleranceIsFarBelowTheLabelScaleInDoubleButNotInFloat() {
        double[][] x = RandomSamples.gaussianPoints(500, 10, 7);
        double[] y = RandomSamples.classLabels(500, 10, 8);

        FitTolerance tolerance = Theorem1Construction.fit(x, y, 9).tolerance();

        assertThat(tolerance.value()).isLessThan(1e-3);
        assertThat(tolerance.ifFloat()).isGreaterThan(1.0);
    }

    @ParameterizedTest(name = "n={0}, d={1}")
    @CsvSource({"50, 7", "7, 50", "20, 20"})
    void networkHasExactly2nPlusDFreeParameters(int n, int d) {
        double[][] x = RandomSamples.gaussianPoints(n, d, 10);
        Theorem1Fit fit = Theorem1Construction.fit(x, RandomSamples.gaussianLabels(n, 11), 12);

        FreeParameters parameters = FreeParameters.of(fit.net().toNetwork());

        assertThat(parameters.total()).isEqualTo(2L * n + d);
        assertThat(fit.constructionParameters()).isEqualTo(2L * n + d);
        assertThat(parameters.stored()).isEqualTo((long) d * n + 2L * n + 1);
    }

    @Test
    void dl4jNetworkCarriesTheSharedDirectionTheNegatedBiasesAndAZeroOutputBias() {
        double[][] x = RandomSamples.gaussianPoints(30, 4, 13);
        TwoLayerReluNet net = Theorem1Construction.fit(x, RandomSamples.gaussianLabels(30, 14), 15).net();

        MultiLayerNetwork dl4j = net.toNetwork();

        for (int j = 0; j < net.units(); j++) {
            assertThat(dl4j.getParam(TwoLayerReluNet.HIDDEN_WEIGHTS).getColumn(j).toDoubleVector()).containsExactly(net.a());
            assertThat(dl4j.getParam(TwoLayerReluNet.HIDDEN_BIASES).getDouble(j)).isEqualTo(-net.b()[j]);
            assertThat(dl4j.getParam(TwoLayerReluNet.OUTPUT_WEIGHTS).getDouble(j)).isEqualTo(net.w()[j]);
        }
        assertThat(dl4j.getParam(TwoLayerReluNet.OUTPUT_BIAS).getDouble(0)).isZero();
    }

    @Test
    void biasesInterleaveTheSortedProjections() {
        double[][] x = RandomSamples.gaussianPoints(40, 3, 16);
        Theorem1Fit fit = Theorem1Construction.fit(x, RandomSamples.gaussianLabels(40, 17), 18);

        double[] z = fit.direction().sortedProjections();
        double[] b = fit.net().b();

        for (int j = 0; j < z.length; j++) {
            assertThat(b[j]).isLessThan(z[j]);
            if (j > 0) {
                assertThat(b[j]).isGreaterThan(z[j - 1]);
            }
        }
    }

    @Test
    void coincidingPointsWithDifferentLabelsAreRejectedNamingBothAndWhy() {
        double[][] x = RandomSamples.gaussianPoints(10, 3, 19);
        x[7] = x[2].clone();
        double[] y = RandomSamples.gaussianLabels(10, 20);

        assertThatThrownBy(() -> Theorem1Construction.fit(x, y, 21))
                .isInstanceOf(DuplicatePointsException.class)
                .hasMessageContaining("points 2 and 7 coincide")
                .hasMessageContaining("no function");
    }

    @Test
    void coincidingPointsWithEqualLabelsAreMergedIntoOneUnitAndStillFitted() {
        double[][] x = RandomSamples.gaussianPoints(10, 3, 22);
        double[] y = RandomSamples.gaussianLabels(10, 23);
        x[7] = x[2].clone();
        x[7][1] = -0.0 + x[7][1];
        y[7] = y[2];

        Theorem1Fit fit = Theorem1Construction.fit(x, y, 24);

        assertThat(fit.net().units()).isEqualTo(9);
        assertThat(fit.constructionParameters()).isEqualTo(2L * 9 + 3);
        assertThat(maxAbsError(fit.net().evaluate(x), y)).isLessThanOrEqualTo(fit.tolerance().value());
    }

    @Test
    void pointsCloserThanRoundingCanSeparateAreRejectedAsTooClose() {
        double[][] x = {{1.0}, {Math.nextUp(1.0)}, {2.0}};

        assertThatThrownBy(() -> Theorem1Construction.fit(x, new double[] {0, 1, 2}, 25))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("points 0 and 1")
                .hasMessageContaining("too close");
    }

    @Test
    void halfAsManyUnitsLeaveAFitErrorFarAboveTheTolerance() {
        double[][] x = RandomSamples.gaussianPoints(200, 5, 26);
        double[] y = RandomSamples.gaussianLabels(200, 27);
        double tolerance = Theorem1Construction.fit(x, y, 28).tolerance().value();

        TwoLayerReluNet half = FewerUnitsFit.fit(x, y, 100, 28);
        double[] predicted = half.evaluate(x);

        assertThat(half.units()).isEqualTo(100);
        assertThat(maxAbsError(predicted, y)).isGreaterThan(1e6 * tolerance);
        assertThat(FiniteSampleExpressivity.rmsError(predicted, y)).isGreaterThan(0.1);
    }

    @Test
    void nonFiniteCoordinateIsRejectedWithItsPosition() {
        double[][] x = RandomSamples.gaussianPoints(5, 3, 29);
        x[3][2] = Double.NaN;

        assertThatThrownBy(() -> Theorem1Construction.fit(x, new double[5], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("point 3 has a non-finite coordinate 2");
    }

    @Test
    void nonFiniteLabelIsRejected() {
        double[] y = {0, Double.POSITIVE_INFINITY, 1};

        assertThatThrownBy(() -> Theorem1Construction.fit(RandomSamples.gaussianPoints(3, 2, 30), y, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 1 is not finite");
    }

    @Test
    void emptySampleIsRejected() {
        assertThatThrownBy(() -> Theorem1Construction.fit(new double[0][], new double[0], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void labelCountDifferentFromPointCountIsRejected() {
        assertThatThrownBy(() -> Theorem1Construction.fit(RandomSamples.gaussianPoints(4, 2, 31), new double[3], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 points but 3 labels");
    }

    @Test
    void pointsOfDifferentDimensionsAreRejected() {
        double[][] x = {{1, 2}, {3}};

        assertThatThrownBy(() -> Theorem1Construction.fit(x, new double[2], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("point 1 has 1 coordinates but point 0 has 2");
    }
}
