package io.github.rethinkinggeneralization.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A set of labelled images held as one channel-major float array: image {@code i} occupies
 * {@code pixels[i*C*H*W, (i+1)*C*H*W)}, laid out as C planes of H rows of W values.
 *
 * <p>Instances are treated as immutable: every transformation returns a new set and never writes
 * into the arrays of the set it was derived from.
 */
public final class LabeledImages {
    private final ImageShape shape;
    private final int numClasses;
    private final float[] pixels;
    private final int[] labels;

    /**
     * @param shape      per-image shape
     * @param numClasses number of classes k; labels lie in {@code [0, k)}
     * @param pixels     {@code labels.length * shape.size()} values, channel-major per image
     * @param labels     one class index per image
     */
    public LabeledImages(ImageShape shape, int numClasses, float[] pixels, int[] labels) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (numClasses < 2) {
            throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
        }
        this.numClasses = numClasses;
        if ((long) labels.length * shape.size() != pixels.length) {
            throw new IllegalArgumentException("pixels hold " + pixels.length + " values, expected "
                    + labels.length + " images x " + shape.size());
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i
                        + " is outside [0, " + numClasses + ")");
            }
        }
    }

    public ImageShape shape() { return shape; }

    public int numClasses() { return numClasses; }

    /** Number of images. */
    public int size() { return labels.length; }

    /** The backing pixel array; callers must not modify it. */
    public float[] pixels() { return pixels; }

    /** The backing label array; callers must not modify it. */
    public int[] labels() { return labels; }

    public int label(int i) { return labels[i]; }

    /** A copy of image {@code i}'s values. */
    public float[] image(int i) {
        int s = shape.size();
        return Arrays.copyOfRange(pixels, i * s, (i + 1) * s);
    }

    /** The same images with other labels. */
    public LabeledImages withLabels(int[] newLabels) {
        if (newLabels.length != labels.length) {
            throw new IllegalArgumentException("expected " + labels.length + " labels, got " + newLabels.length);
        }
        return new LabeledImages(shape, numClasses, pixels, newLabels);
    }

    /** The same labels with other pixels of the given shape. */
    public LabeledImages withPixels(ImageShape newShape, float[] newPixels) {
        return new LabeledImages(newShape, numClasses, newPixels, labels);
    }

    /** The images at the given indices, in that order. */
    public LabeledImages select(int[] indices) {
        int s = shape.size();
        float[] p = new float[indices.length * s];
        int[] l = new int[indices.length];
        for (int j = 0; j < indices.length; j++) {
            System.arraycopy(pixels, indices[j] * s, p, j * s, s);
            l[j] = labels[indices[j]];
        }
        return new LabeledImages(shape, numClasses, p, l);
    }

    /** This set followed by {@code other} (same shape and class count). */
    public LabeledImages concat(LabeledImages other) {
        if (!other.shape.equals(shape) || other.numClasses != numClasses) {
            throw new IllegalArgumentException("cannot concatenate " + shape + "/" + numClasses
                    + " with " + other.shape + "/" + other.numClasses);
        }
        float[] p = Arrays.copyOf(pixels, pixels.length + other.pixels.length);
        System.arraycopy(other.pixels, 0, p, pixels.length, other.pixels.length);
        int[] l = Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, l, labels.length, other.labels.length);
        return new LabeledImages(shape, numClasses, p, l);
    }

    /** Number of images per class. */
    public int[] classCounts() {
        int[] c = new int[numClasses];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }

    @Override
    public String toString() {
        return size() + " images " + shape + ", " + numClasses + " classes";
    }
}
