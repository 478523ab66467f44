package io.github.rethinkinggeneralization.data;

import java.util.Random;

/**
 * Shuffled pixels (Section 2.1): one random permutation of the pixel positions, chosen once and
 * applied to every training and test image. Channels of a pixel stay together.
 */
public final class ShuffledPixels {
    private ShuffledPixels() {
    }

    /** The permutation of the H·W pixel positions used for the given seed. */
    public static int[] permutation(ImageShape shape, long seed) {
        return Shuffles.permutation(shape.height() * shape.width(), new Random(seed));
    }

    /** Both sets with the same permutation applied to every image. */
    public static DataSplit apply(DataSplit split, long seed) {
        int[] perm = permutation(split.shape(), seed);
        return split.withBoth(permute(split.train(), perm), permute(split.test(), perm));
    }

    static LabeledImages permute(LabeledImages images, int[] perm) {
        float[] src = images.pixels();
        float[] out = new float[src.length];
        int s = images.shape().size();
        for (int i = 0; i < images.size(); i++) {
            PixelPermutation.apply(src, i * s, out, i * s, images.shape(), perm);
        }
        return images.withPixels(images.shape(), out);
    }
}
