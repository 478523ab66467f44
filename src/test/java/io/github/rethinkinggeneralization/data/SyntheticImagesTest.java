package io.github.rethinkinggeneralization.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyntheticImagesTest {

    @Test
    void sameSeedGivesTheSameImages() {
        assertThat(SyntheticImages.cifarShaped(3).draw(20, 0).pixels())
                .isEqualTo(SyntheticImages.cifarShaped(3).draw(20, 0).pixels());
    }

    @Test
    void trainAndTestAreDifferentDrawsWithBalancedClasses() {
        DataSplit s = SyntheticImages.cifarShaped(3).split(100, 50);
        assertThat(s.train().pixels()).isNotEqualTo(s.test().pixels());
        assertThat(s.train().classCounts()).containsOnly(10);
        assertThat(s.test().classCounts()).containsOnly(5);
        assertThat(s.shape()).isEqualTo(ImageShape.CIFAR10);
    }

    @Test
    void nearestTemplateClassifiesFarAboveChance() {
        // the class structure is learnable: images are closer to their own class mean
        SyntheticImages source = SyntheticImages.cifarShaped(4);
        LabeledImages train = source.draw(500, 0);
        LabeledImages test = source.draw(200, 1);
        int d = train.shape().size();
        double[][] means = new double[10][d];
        int[] counts = train.classCounts();
        for (int i = 0; i < train.size(); i++) {
            for (int j = 0; j < d; j++) means[train.label(i)][j] += train.pixels()[i * d + j] / counts[train.label(i)];
        }
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            int best = -1;
            double bestDist = Double.MAX_VALUE;
            for (int c = 0; c < 10; c++) {
                double dist = 0;
                for (int j = 0; j < d; j++) dist += Math.pow(test.pixels()[i * d + j] - means[c][j], 2);
                if (dist < bestDist) {
                    bestDist = dist;
                    best = c;
                }
            }
            if (best == test.label(i)) correct++;
        }
        assertThat(correct / (double) test.size()).isGreaterThan(0.5);
    }
}
