package io.github.rethinkinggeneralization.data;

/**
 * The paper's preprocessing: centre crop to {@code cropSize} x {@code cropSize} and per-image
 * whitening (subtract the image's mean, divide by its standard deviation floored at
 * 1/sqrt(number of values)), each switchable.
 */
public record Preprocessing(boolean centerCrop, int cropSize, boolean whiten) {

    /** The paper's CIFAR-10 setting: 28x28 centre crop, then per-image whitening. */
    public static Preprocessing paper() {
        return new Preprocessing(true, 28, true);
    }

    /** No preprocessing. */
    public static Preprocessing none() {
        return new Preprocessing(false, 28, false);
    }

    public Preprocessing {
        if (cropSize < 1) {
            throw new IllegalArgumentException("crop size must be positive, got " + cropSize);
        }
    }

    /** Shape of the images this preprocessing produces from images of {@code in}. */
    public ImageShape outputShape(ImageShape in) {
        if (!centerCrop || (in.height() <= cropSize && in.width() <= cropSize)) {
            return in;
        }
        return new ImageShape(in.channels(), Math.min(cropSize, in.height()), Math.min(cropSize, in.width()));
    }

    /** Applies the crop (if on) and then the whitening (if on). */
    public LabeledImages apply(LabeledImages images) {
        LabeledImages out = images;
        if (centerCrop) {
            out = crop(out);
        }
        if (whiten) {
            out = whiten(out);
        }
        return out;
    }

    /** Applies the crop only (the whitening is applied later, e.g. after a corruption). */
    public LabeledImages crop(LabeledImages images) {
        ImageShape to = outputShape(images.shape());
        if (to.equals(images.shape())) {
            return images;
        }
        int top = (images.shape().height() - to.height()) / 2;
        int left = (images.shape().width() - to.width()) / 2;
        return images.withPixels(to, ImageCrops.crop(images.pixels(), images.size(), images.shape(), to, top, left));
    }

    /** Per-image whitening of every image. */
    public static LabeledImages whiten(LabeledImages images) {
        float[] p = images.pixels().clone();
        int s = images.shape().size();
        for (int i = 0; i < images.size(); i++) {
            whitenInPlace(p, i * s, s);
        }
        return images.withPixels(images.shape(), p);
    }

    /** Whitens the {@code len} values of one image starting at {@code off}. */
    public static void whitenInPlace(float[] p, int off, int len) {
        double sum = 0;
        for (int j = 0; j < len; j++) {
            sum += p[off + j];
        }
        double mean = sum / len;
        double sq = 0;
        for (int j = 0; j < len; j++) {
            double d = p[off + j] - mean;
            sq += d * d;
        }
        double std = Math.max(Math.sqrt(sq / len), 1.0 / Math.sqrt(len));
        for (int j = 0; j < len; j++) {
            p[off + j] = (float) ((p[off + j] - mean) / std);
        }
    }
}
