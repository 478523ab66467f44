package io.github.rethinkinggeneralization.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    @Test
    void predictionsAreTalliedByLabelAndPredictedClass() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 0, 1, 2, 2}, new int[] {0, 1, 1, 0, 2}, 3);
        assertThat(m.counts()).isDeepEqualTo(new int[][] {{1, 1, 0}, {0, 1, 0}, {1, 0, 1}});
        assertThat(m.total()).isEqualTo(5);
        assertThat(m.correct()).isEqualTo(3);
        assertThat(m.accuracy()).isEqualTo(0.6);
    }

    @Test
    void anEmptySetHasNoAccuracy() {
        assertThat(ConfusionMatrix.of(new int[0], new int[0], 10).accuracy()).isNaN();
    }

    @Test
    void nonSquareOrNegativeTablesAreRejected() {
        assertThatThrownBy(() -> new ConfusionMatrix(new int[][] {{1, 2}, {3}})).hasMessageContaining("square");
        assertThatThrownBy(() -> new ConfusionMatrix(new int[][] {{1, -2}, {3, 4}})).hasMessageContaining("non-negative");
    }

    @Test
    void itCannotBeChangedThroughItsArrays() {
        int[][] counts = {{1, 0}, {0, 1}};
        ConfusionMatrix m = new ConfusionMatrix(counts);
        counts[0][0] = 9;
        m.counts()[1][1] = 9;
        assertThat(m.correct()).isEqualTo(2);
    }
}
