package io.github.rethinkinggeneralization.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CorruptionsTest {
    private static final ImageShape SHAPE = new ImageShape(3, 8, 8);

    private static DataSplit split(int nTrain, int nTest) {
        SyntheticImages source = new SyntheticImages(SHAPE, 10, 0.2f, 5);
        return source.split(nTrain, nTest);
    }

    @Test
    void fractionOfChangedLabelsIsCloseToPTimesKMinusOneOverK() {
        int[] labels = new int[20_000];
        for (int i = 0; i < labels.length; i++) labels[i] = i % 10;
        LabelCorruption corruption = new LabelCorruption(0.4);
        int[] corrupted = corruption.apply(labels, 10, 3);
        long changed = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] != corrupted[i]).count();
        double expected = corruption.expectedChangedFraction(10);
        double sd = Math.sqrt(expected * (1 - expected) / labels.length);
        assertThat(changed / (double) labels.length).isCloseTo(expected, org.assertj.core.data.Offset.offset(4 * sd));
    }

    @Test
    void labelCorruptionLeavesTestLabelsAndPixelsUntouched() {
        DataSplit s = split(200, 100);
        DataSplit c = DataCondition.randomLabels().apply(s, 9);
        assertThat(c.test().labels()).isEqualTo(s.test().labels());
        assertThat(c.train().pixels()).isSameAs(s.train().pixels());
        assertThat(c.train().labels()).isNotEqualTo(s.train().labels());
    }

    @Test
    void sameSeedGivesSameCorruption() {
        DataSplit s = split(300, 10);
        assertThat(DataCondition.corruptedLabels(0.5).apply(s, 4).train().labels())
                .isEqualTo(DataCondition.corruptedLabels(0.5).apply(s, 4).train().labels());
    }

    @Test
    void corruptionProbabilityOutsideUnitIntervalIsRejected() {
        assertThatThrownBy(() -> new LabelCorruption(1.2)).hasMessageContaining("[0, 1]");
    }

    @Test
    void shuffledPixelsUseOnePermutationForTrainAndTest() {
        DataSplit s = split(20, 20);
        DataSplit c = DataCondition.shuffledPixels().apply(s, 2);
        int[] perm = ShuffledPixels.permutation(SHAPE, 2);
        int plane = SHAPE.height() * SHAPE.width();
        for (LabeledImages[] pair : new LabeledImages[][] {{s.train(), c.train()}, {s.test(), c.test()}}) {
            for (int i = 0; i < pair[0].size(); i++) {
                float[] before = pair[0].image(i);
                float[] after = pair[1].image(i);
                for (int ch = 0; ch < SHAPE.channels(); ch++) {
                    for (int q = 0; q < plane; q++) {
                        assertThat(after[ch * plane + q]).isEqualTo(before[ch * plane + perm[q]]);
                    }
                }
            }
        }
    }

    @Test
    void aShuffleIsAPermutation() {
        int[] perm = ShuffledPixels.permutation(ImageShape.CIFAR10, 1);
        int[] sorted = perm.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertThat(sorted[i]).isEqualTo(i);
        }
        assertThat(perm).isNotEqualTo(sorted);
    }

    @Test
    void randomPixelsPermuteEachImageDifferentlyAndKeepItsValues() {
        DataSplit s = split(10, 10);
        DataSplit c = DataCondition.randomPixels().apply(s, 3);
        float[] a = c.train().image(0);
        float[] b = c.train().image(1);
        float[] a0 = s.train().image(0);
        float[] sortedA = a.clone();
        float[] sortedA0 = a0.clone();
        Arrays.sort(sortedA);
        Arrays.sort(sortedA0);
        assertThat(sortedA).isEqualTo(sortedA0);
        assertThat(a).isNotEqualTo(a0);
        // two images are permuted differently: the permutation of image 1 is not that of image 0
        int[] p0 = firstPixelMoves(s.train().image(0), a);
        int[] p1 = firstPixelMoves(s.train().image(1), b);
        assertThat(p0).isNotEqualTo(p1);
        assertThat(c.train().labels()).isEqualTo(s.train().labels());
    }

    /** For the first few output positions, where in the source its value came from (channel 0). */
    private static int[] firstPixelMoves(float[] src, float[] dst) {
        int[] moves = new int[5];
        for (int q = 0; q < moves.length; q++) {
            for (int j = 0; j < 64; j++) {
                if (src[j] == dst[q]) {
                    moves[q] = j;
                    break;
                }
            }
        }
        return moves;
    }

    @Test
    void gaussianPixelsMatchTheTrainingMeanAndVariance() {
        DataSplit s = split(500, 50);
        DataSplit c = DataCondition.gaussian().apply(s, 8);
        double[] before = meanSd(s.train().pixels());
        double[] after = meanSd(c.train().pixels());
        assertThat(after[0]).isCloseTo(before[0], org.assertj.core.data.Offset.offset(0.01));
        assertThat(after[1]).isCloseTo(before[1], org.assertj.core.data.Offset.offset(0.01));
        assertThat(c.train().labels()).isEqualTo(s.train().labels());
        assertThat(c.test().pixels()).isNotEqualTo(s.test().pixels());
    }

    private static double[] meanSd(float[] p) {
        double m = 0;
        for (float v : p) m += v;
        m /= p.length;
        double v2 = 0;
        for (float v : p) v2 += (v - m) * (v - m);
        return new double[] {m, Math.sqrt(v2 / p.length)};
    }

    @Test
    void conditionsParseFromTheirIds() {
        assertThat(DataCondition.parse("corrupted-labels:0.4")).isEqualTo(DataCondition.corruptedLabels(0.4));
        assertThat(DataCondition.parse("random-labels")).isEqualTo(DataCondition.randomLabels());
        assertThat(DataCondition.parse("gaussian").toString()).isEqualTo("gaussian");
    }
}
