package io.github.rethinkinggeneralization.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rethinkinggeneralization.train.ConfusionMatrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** "At chance" under random names for the predicted classes, counted over all k! assignments. */
class ClassNamePermutationTest {
    private static final int K = 10;

    /** 100 test images per class: {@code diagonal} of each class predicted right, the rest spread evenly. */
    private static ConfusionMatrix spread(int diagonal) {
        int[][] n = new int[K][K];
        for (int label = 0; label < K; label++) {
            int rest = 100 - diagonal;
            for (int p = 0, j = 0; p < K; p++) {
                if (p == label) {
                    n[label][p] = diagonal;
                } else {
                    n[label][p] = rest / (K - 1) + (j++ < rest % (K - 1) ? 1 : 0);
                }
            }
        }
        return new ConfusionMatrix(n);
    }

    /**
     * 100 test images per class; each class sends {@code grouped} images to one predicted class of its
     * own (class c to {@code group[c]}) and spreads the rest evenly: a net that groups similar images.
     */
    private static ConfusionMatrix grouped(int grouped, int[] group) {
        int[][] n = new int[K][K];
        for (int label = 0; label < K; label++) {
            int rest = 100 - grouped;
            n[label][group[label]] += grouped;
            for (int p = 0, j = 0; p < K; p++) {
                n[label][p] += rest / K + (j++ < rest % K ? 1 : 0);
            }
        }
        return new ConfusionMatrix(n);
    }

    @Test
    void everyAssignmentIsCountedOnceAndTheMeanIsChance() {
        ConfusionMatrix m = spread(13);
        long[] counts = ClassNamePermutation.correctCounts(m);
        assertThat(Arrays.stream(counts).sum()).isEqualTo(3_628_800L); // 10!
        double mean = 0;
        for (int c = 0; c < counts.length; c++) {
            mean += c * (double) counts[c] / 3_628_800L;
        }
        assertThat(mean).isCloseTo(m.total() / (double) K, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void evenlySpreadPredictionsAtChanceAreAtChanceAndAboveItAreNot() {
        assertThat(ClassNamePermutation.pValue(spread(10))).isGreaterThan(0.5);
        // 12.5 % with independent-looking predictions: as the binomial interval says, not chance
        ConfusionMatrix above = new ConfusionMatrix(addToDiagonal(spread(12).counts(), 5));
        assertThat(above.accuracy()).isEqualTo(0.125);
        assertThat(ClassNamePermutation.pValue(above)).isLessThan(0.01);
    }

    @Test
    void aNetThatGroupsImagesCanLandAboveChanceByTheLuckOfItsNames() {
        // classes 0 and 1 grouped under their own names, the other eight under each other's
        int[] group = {0, 1, 3, 4, 5, 6, 7, 8, 9, 2};
        ConfusionMatrix m = grouped(24, group);
        assertThat(m.accuracy()).isCloseTo(0.125, org.assertj.core.data.Offset.offset(0.002));
        assertThat(ClassNamePermutation.pValue(m)).isGreaterThan(0.01);
    }

    @Test
    void aNetThatLearnedTheLabelsIsFarFromChance() {
        assertThat(ClassNamePermutation.pValue(spread(35))).isLessThan(1e-6);
    }

    @Test
    void aNetPredictingOneClassIsExactlyAtChance() {
        int[][] n = new int[K][K];
        for (int label = 0; label < K; label++) {
            n[label][3] = 100;
        }
        assertThat(ClassNamePermutation.pValue(new ConfusionMatrix(n))).isEqualTo(1.0);
    }

    @Test
    void moreThanTenClassesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ClassNamePermutation.pValue(new ConfusionMatrix(new int[11][11])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k = 11");
    }

    private static int[][] addToDiagonal(int[][] n, int classes) {
        for (int c = 0; c < classes; c++) {
            n[c][c]++;
            n[c][(c + 1) % K]--;
        }
        return n;
    }
}
