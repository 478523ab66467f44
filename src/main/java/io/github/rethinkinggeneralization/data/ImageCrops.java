package io.github.rethinkinggeneralization.data;

/** Copies rectangular windows (crops), optionally mirrored left-right, out of channel-major images. */
public final class ImageCrops {
    private ImageCrops() {
    }

    /** The same window of every image. */
    public static float[] crop(float[] src, int n, ImageShape from, ImageShape to, int top, int left) {
        float[] out = new float[n * to.size()];
        for (int i = 0; i < n; i++) {
            cropOne(src, i * from.size(), from, out, i * to.size(), to, top, left, false);
        }
        return out;
    }

    /**
     * Copies one {@code to}-sized window at (top, left) of the image at {@code srcOff} into
     * {@code dst} at {@code dstOff}; positions outside the source read as 0 (zero padding).
     */
    public static void cropOne(float[] src, int srcOff, ImageShape from, float[] dst, int dstOff, ImageShape to,
                               int top, int left, boolean mirror) {
        int fh = from.height();
        int fw = from.width();
        for (int c = 0; c < to.channels(); c++) {
            for (int y = 0; y < to.height(); y++) {
                int sy = top + y;
                for (int x = 0; x < to.width(); x++) {
                    int sx = left + (mirror ? to.width() - 1 - x : x);
                    float v = (sy >= 0 && sy < fh && sx >= 0 && sx < fw) ? src[srcOff + c * fh * fw + sy * fw + sx] : 0f;
                    dst[dstOff + c * to.height() * to.width() + y * to.width() + x] = v;
                }
            }
        }
    }
}
