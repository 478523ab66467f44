package io.github.rethinkinggeneralization.data;

/** Shape of one image: channels x height x width (channel-major storage). */
public record ImageShape(int channels, int height, int width) {

    public static final ImageShape CIFAR10 = new ImageShape(3, 32, 32);
    public static final ImageShape MNIST = new ImageShape(1, 28, 28);

    public ImageShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive: " + channels + "x" + height + "x" + width);
        }
    }

    /** Values per image. */
    public int size() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
