package io.github.rethinkinggeneralization.data;

/** Moves the pixels (all channels together) of one channel-major image by a permutation of positions. */
final class PixelPermutation {
    private PixelPermutation() {
    }

    /** Output position {@code q} takes the input pixel at {@code perm[q]}. */
    static void apply(float[] src, int srcOff, float[] dst, int dstOff, ImageShape shape, int[] perm) {
        int plane = shape.height() * shape.width();
        for (int c = 0; c < shape.channels(); c++) {
            int base = c * plane;
            for (int q = 0; q < plane; q++) {
                dst[dstOff + base + q] = src[srcOff + base + perm[q]];
            }
        }
    }
}
