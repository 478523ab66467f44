package io.github.rethinkinggeneralization.data;

import java.util.Random;

/**
 * Random pixels (Section 2.1): a different random permutation of the pixel positions for every
 * training and test image.
 */
public final class RandomPixels {
    private RandomPixels() {
    }

    /** Both sets with an independent permutation per image. */
    public static DataSplit apply(DataSplit split, long seed) {
        Random r = new Random(seed);
        return split.withBoth(permuteEach(split.train(), r), permuteEach(split.test(), r));
    }

    static LabeledImages permuteEach(LabeledImages images, Random r) {
        float[] src = images.pixels();
        float[] out = new float[src.length];
        int s = images.shape().size();
        int plane = images.shape().height() * images.shape().width();
        for (int i = 0; i < images.size(); i++) {
            PixelPermutation.apply(src, i * s, out, i * s, images.shape(), Shuffles.permutation(plane, r));
        }
        return images.withPixels(images.shape(), out);
    }
}
