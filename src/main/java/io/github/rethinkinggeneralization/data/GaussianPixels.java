package io.github.rethinkinggeneralization.data;

import java.util.Random;

/**
 * Gaussian (Section 2.1): every pixel of every training and test image is replaced by a draw from a
 * Gaussian whose mean and variance match those of the original training pixels. Labels are kept.
 */
public final class GaussianPixels {
    private GaussianPixels() {
    }

    /** Both sets with Gaussian pixels of the training set's mean and variance. */
    public static DataSplit apply(DataSplit split, long seed) {
        float[] p = split.train().pixels();
        double sum = 0;
        for (float v : p) {
            sum += v;
        }
        double mean = sum / p.length;
        double sq = 0;
        for (float v : p) {
            sq += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(sq / p.length);
        Random r = new Random(seed);
        return split.withBoth(draw(split.train(), mean, sd, r), draw(split.test(), mean, sd, r));
    }

    static LabeledImages draw(LabeledImages images, double mean, double sd, Random r) {
        float[] out = new float[images.pixels().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (mean + sd * r.nextGaussian());
        }
        return images.withPixels(images.shape(), out);
    }
}
