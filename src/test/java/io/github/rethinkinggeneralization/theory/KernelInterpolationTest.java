package io.github.rethinkinggeneralization.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

class KernelInterpolationTest {

    private static INDArray gaussian(int n, int d, long seed) {
        return Nd4j.createFromArray(RandomSamples.gaussianPoints(n, d, seed));
    }

    private static int[] classes(int n, long seed) {
        double[] y = RandomSamples.classLabels(n, 10, seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (int) y[i];
        }
        return labels;
    }

    @Test
    void linearKernelInterpolatesOneHotTargetsWhenDimensionExceedsSampleSize() {
        INDArray x = gaussian(60, 150, 1);
        int[] labels = classes(60, 2);

        KernelInterpolant f = KernelInterpolation.fit(new LinearKernel(), x, ImageMatrices.oneHot(labels, 10));

        assertThat(ImageMatrices.accuracy(f.predict(x), labels)).isEqualTo(1.0);
        assertThat(f.maxResidual()).isLessThanOrEqualTo(f.residualTolerance());
        assertThat(f.residualTolerance()).isLessThan(1e-6);
    }

    @Test
    void linearKernelNormIsTheNormOfTheMinimumNormWeights() {
        INDArray x = gaussian(40, 100, 3);
        INDArray y = ImageMatrices.oneHot(classes(40, 4), 10);

        KernelInterpolant f = KernelInterpolation.fit(new LinearKernel(), x, y);

        assertThat(f.norm()).isCloseTo(f.linearWeights().norm2Number().doubleValue(), within(1e-9));
        assertThat(x.mmul(f.linearWeights()).sub(y).amaxNumber().doubleValue()).isLessThan(1e-9);
    }

    @Test
    void addingAnyNullSpaceComponentKeepsTheFitButRaisesTheNorm() {
        INDArray x = gaussian(30, 80, 5);
        INDArray y = ImageMatrices.oneHot(classes(30, 6), 10);
        INDArray w = KernelInterpolation.fit(new LinearKernel(), x, y).linearWeights();
        INDArray direction = gaussian(80, 10, 7);
        INDArray inSpan = KernelInterpolation.fit(new LinearKernel(), x, x.mmul(direction)).linearWeights();

        INDArray other = w.add(direction.sub(inSpan));

        assertThat(x.mmul(other).sub(y).amaxNumber().doubleValue()).isLessThan(1e-9);
        assertThat(other.norm2Number().doubleValue()).isGreaterThan(w.norm2Number().doubleValue());
    }

    @Test
    void gaussianKernelInterpolatesMorePointsThanDimensions() {
        INDArray x = gaussian(300, 4, 8);
        int[] labels = classes(300, 9);
        GaussianKernel kernel = GaussianKernel.medianHeuristic(x, 0.5);

        KernelInterpolant f = KernelInterpolation.fit(kernel, x, ImageMatrices.oneHot(labels, 10));

        assertThat(ImageMatrices.accuracy(f.predict(x), labels)).isEqualTo(1.0);
        assertThat(f.maxResidual()).isLessThanOrEqualTo(f.residualTolerance());
        assertThat(f.norm()).isPositive().isFinite();
    }

    @Test
    void gaussianKernelInterpolantClassifiesSeparatedClustersOnTestPoints() {
        INDArray train = gaussian(40, 3, 10).muli(0.1);
        INDArray test = gaussian(20, 3, 11).muli(0.1);
        int[] trainLabels = new int[40];
        int[] testLabels = new int[20];
        for (int i = 0; i < 40; i++) {
            trainLabels[i] = i % 2;
            train.getRow(i).addi(trainLabels[i] * 5.0);
        }
        for (int i = 0; i < 20; i++) {
            testLabels[i] = i % 2;
            test.getRow(i).addi(testLabels[i] * 5.0);
        }

        KernelInterpolant f = KernelInterpolation.fit(new GaussianKernel(1.0), train, ImageMatrices.oneHot(trainLabels, 2));

        assertThat(ImageMatrices.accuracy(f.predict(test), testLabels)).isEqualTo(1.0);
    }

    @Test
    void linearKernelOnMorePointsThanDimensionsIsRejectedNamingTheConditionNumber() {
        INDArray x = gaussian(50, 20, 12);

        assertThatThrownBy(() -> KernelInterpolation.fit(new LinearKernel(), x, ImageMatrices.oneHot(classes(50, 13), 10)))
                .isInstanceOf(SingularKernelException.class)
                .hasMessageContaining("condition number")
                .hasMessageContaining("n <= d")
                .satisfies(e -> assertThat(((SingularKernelException) e).conditionNumber())
                        .isGreaterThanOrEqualTo(ConditionEstimate.singularityLimit(50)));
    }

    @Test
    void nearlyDependentPointsAreRejectedAsNumericallySingular() {
        INDArray x = gaussian(20, 40, 14);
        x.getRow(19).assign(x.getRow(0).add(x.getRow(1)).addi(Nd4j.createFromArray(RandomSamples.gaussianPoints(1, 40, 15)[0]).muli(1e-13)));

        assertThatThrownBy(() -> KernelInterpolation.fit(new LinearKernel(), x, ImageMatrices.oneHot(classes(20, 16), 10)))
                .isInstanceOf(SingularKernelException.class)
                .hasMessageContaining("numerically singular")
                .hasMessageContaining("condition number");
    }

    @Test
    void duplicatePointsMakeTheGaussianKernelSingular() {
        INDArray x = gaussian(10, 3, 17);
        x.getRow(9).assign(x.getRow(4));

        assertThatThrownBy(() -> KernelInterpolation.fit(new GaussianKernel(1.0), x, ImageMatrices.oneHot(classes(10, 18), 10)))
                .isInstanceOf(SingularKernelException.class)
                .hasMessageContaining("distinct points");
    }

    @Test
    void conditionEstimateIsALowerBoundCloseToTheExactConditionNumber() {
        INDArray x = gaussian(80, 120, 19);
        INDArray k = x.mmul(x.transpose());
        INDArray eigenvalues = Eigen.symmetricGeneralizedEigenvalues(k.dup(), false);
        double exact = eigenvalues.maxNumber().doubleValue() / eigenvalues.minNumber().doubleValue();

        double estimate = CholeskyFactor.of(k, "test matrix").condition().conditionNumber();

        assertThat(estimate).isLessThanOrEqualTo(exact * (1 + 1e-9)).isGreaterThan(exact / 3);
    }

    @Test
    void choleskySolveAcrossSeveralBlocksReproducesTheRightHandSide() {
        INDArray x = gaussian(300, 330, 20);
        INDArray k = x.mmul(x.transpose());
        INDArray b = gaussian(300, 3, 21);

        INDArray solution = CholeskyFactor.of(k, "test matrix").solve(b);

        assertThat(k.mmul(solution).sub(b).amaxNumber().doubleValue()).isLessThan(1e-8);
    }

    @Test
    void medianDistanceIsTheMedianOverPairs() {
        INDArray x = Nd4j.createFromArray(new double[][] {{0, 0}, {3, 0}, {0, 4}});

        assertThat(GaussianKernel.medianDistance(x)).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void nonFinitePointsAreRejected() {
        INDArray x = gaussian(5, 3, 22);
        x.putScalar(2, 1, Double.NaN);

        assertThatThrownBy(() -> KernelInterpolation.fit(new LinearKernel(), x, ImageMatrices.oneHot(new int[5], 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite");
    }

    @Test
    void targetRowsDifferentFromPointCountAreRejected() {
        assertThatThrownBy(() -> KernelInterpolation.fit(new LinearKernel(), gaussian(5, 8, 23), ImageMatrices.oneHot(new int[4], 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 points but 4 target rows");
    }

    @Test
    void emptyOrSinglePrecisionPointsAreRejected() {
        assertThatThrownBy(() -> KernelInterpolation.fit(new LinearKernel(), Nd4j.create(DataType.DOUBLE, 0, 3),
                Nd4j.create(DataType.DOUBLE, 0, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-empty");
        assertThatThrownBy(() -> KernelInterpolation.fit(new LinearKernel(), Nd4j.rand(DataType.FLOAT, 3, 4),
                ImageMatrices.oneHot(new int[3], 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("double precision");
    }
}
