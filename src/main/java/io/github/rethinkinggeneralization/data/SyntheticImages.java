package io.github.rethinkinggeneralization.data;

import java.util.Random;

/**
 * A seeded synthetic image dataset with learnable class structure: each class has a smooth random
 * template, and every image is its class template, randomly shifted in brightness and contrast,
 * plus independent pixel noise. CIFAR-shaped (32x32x3, 10 classes) by default.
 *
 * <p>It is the embedded default when no real data is present: the same seed gives the same images
 * on every machine, and the class signal is strong enough that a small network generalizes far
 * above chance while pixel noise keeps the task from being trivial.
 */
public final class SyntheticImages {
    /** The dataset name used in reports. */
    public static final String NAME = "synthetic";

    private final ImageShape shape;
    private final int numClasses;
    private final float noise;
    private final long seed;
    private final float[][] templates;

    /** CIFAR-shaped synthetic data with the given seed. */
    public static SyntheticImages cifarShaped(long seed) {
        return new SyntheticImages(ImageShape.CIFAR10, 10, 0.35f, seed);
    }

    /**
     * @param shape      image shape
     * @param numClasses number of classes
     * @param noise      standard deviation of the per-pixel Gaussian noise (templates lie in [0, 1])
     * @param seed       seed of the templates and of every image drawn
     */
    public SyntheticImages(ImageShape shape, int numClasses, float noise, long seed) {
        if (noise < 0) {
            throw new IllegalArgumentException("noise must be >= 0, got " + noise);
        }
        this.shape = shape;
        this.numClasses = numClasses;
        this.noise = noise;
        this.seed = seed;
        this.templates = new float[numClasses][];
        Random r = new Random(seed);
        for (int c = 0; c < numClasses; c++) {
            templates[c] = smoothTemplate(r);
        }
    }

    /** A sum of a few random Gaussian blobs per channel, scaled into [0, 1]. */
    private float[] smoothTemplate(Random r) {
        int h = shape.height();
        int w = shape.width();
        float[] t = new float[shape.size()];
        for (int ch = 0; ch < shape.channels(); ch++) {
            int blobs = 3;
            for (int b = 0; b < blobs; b++) {
                double cy = r.nextDouble() * h;
                double cx = r.nextDouble() * w;
                double sigma = (0.12 + 0.2 * r.nextDouble()) * Math.min(h, w);
                double amp = r.nextBoolean() ? 1 : -1;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
                        t[ch * h * w + y * w + x] += (float) (amp * Math.exp(-d2 / (2 * sigma * sigma)));
                    }
                }
            }
        }
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : t) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        for (int i = 0; i < t.length; i++) {
            t[i] = (t[i] - min) / (max - min);
        }
        return t;
    }

    /**
     * Draws {@code n} images with balanced classes (class {@code i mod k} for image i, then
     * shuffled). Different {@code stream} values give independent draws (e.g. 0 for training,
     * 1 for test) from the same templates.
     */
    public LabeledImages draw(int n, long stream) {
        Random r = new Random(seed * 1_000_003L + stream * 7919L + 17);
        int s = shape.size();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % numClasses;
        }
        Shuffles.shuffle(labels, r);
        float[] pixels = new float[n * s];
        for (int i = 0; i < n; i++) {
            float[] t = templates[labels[i]];
            float contrast = 0.7f + 0.6f * r.nextFloat();
            float brightness = 0.2f * (r.nextFloat() - 0.5f);
            for (int j = 0; j < s; j++) {
                float v = 0.5f + contrast * (t[j] - 0.5f) + brightness + noise * (float) r.nextGaussian();
                pixels[i * s + j] = Math.max(0f, Math.min(1f, v));
            }
        }
        return new LabeledImages(shape, numClasses, pixels, labels);
    }

    /** A training and a test set drawn independently from the same class templates. */
    public DataSplit split(int nTrain, int nTest) {
        return new DataSplit(NAME, draw(nTrain, 0), draw(nTest, 1),
                "synthetic class-template images " + shape + ", " + numClasses + " classes, noise sd "
                        + noise + ", seed " + seed + " (no real data found)");
    }
}
