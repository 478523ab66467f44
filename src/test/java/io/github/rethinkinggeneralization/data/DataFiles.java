package io.github.rethinkinggeneralization.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Builds tiny data files in the official CIFAR-10 binary and MNIST idx formats for the tests, and
 * (run as a program) writes the committed fixtures under {@code fixtures/data/}.
 *
 * <p>Pixel bytes follow fixed patterns so tests can predict every value:
 * CIFAR-10 record {@code r}, byte {@code p} of its 3,072 is {@link #cifarPixel}; MNIST image
 * {@code i}, pixel {@code p} is {@link #mnistPixel}.
 */
final class DataFiles {

    static final Path FIXTURES = Path.of("fixtures", "data");
    static final Path CIFAR_THREE_RECORDS = FIXTURES.resolve("cifar10/three_records.bin");
    static final Path CIFAR_ONE_RECORD = FIXTURES.resolve("cifar10/one_record.bin");
    static final Path MNIST_IMAGES = FIXTURES.resolve("mnist/four-images-idx3-ubyte");
    static final Path MNIST_LABELS = FIXTURES.resolve("mnist/four-labels-idx1-ubyte");
    static final Path MNIST_IMAGES_GZ = FIXTURES.resolve("mnist/four-images-idx3-ubyte.gz");
    static final Path MNIST_LABELS_GZ = FIXTURES.resolve("mnist/four-labels-idx1-ubyte.gz");

    /** Labels of the committed fixtures. */
    static final int[] CIFAR_THREE_LABELS = {0, 9, 3};
    static final int CIFAR_ONE_LABEL = 5;
    /** The record index used for the pixel pattern of {@code one_record.bin}. */
    static final int CIFAR_ONE_PATTERN = 3;
    static final int[] MNIST_FOUR_LABELS = {7, 2, 1, 0};

    private DataFiles() {
    }

    /** Writes the committed fixtures into the given directory (normally {@code fixtures/data}). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : FIXTURES.toString());
        write(dir.resolve("cifar10/three_records.bin"), cifarBatch(0, CIFAR_THREE_LABELS));
        write(dir.resolve("cifar10/one_record.bin"), cifarBatch(CIFAR_ONE_PATTERN, CIFAR_ONE_LABEL));
        byte[] images = mnistImages(MNIST_FOUR_LABELS.length, 28, 28);
        byte[] labels = mnistLabels(MNIST_FOUR_LABELS);
        write(dir.resolve("mnist/four-images-idx3-ubyte"), images);
        write(dir.resolve("mnist/four-labels-idx1-ubyte"), labels);
        write(dir.resolve("mnist/four-images-idx3-ubyte.gz"), gzip(images));
        write(dir.resolve("mnist/four-labels-idx1-ubyte.gz"), gzip(labels));
    }

    /** Byte {@code p} (0..3071, R then G then B plane) of CIFAR record {@code r}: R,G,B start at 0,100,200 for r = 0. */
    static int cifarPixel(int r, int p) {
        return (r * 50 + p + (p / 1024) * 100) & 0xff;
    }

    /** Pixel {@code p} of MNIST image {@code i}. */
    static int mnistPixel(int i, int p) {
        return (i * 50 + p) & 0xff;
    }

    /** CIFAR-10 records with the given labels; record k uses pixel pattern {@code firstPattern + k}. */
    static byte[] cifarBatch(int firstPattern, int... labels) {
        int recordBytes = Cifar10BinaryReader.RECORD_BYTES;
        byte[] out = new byte[labels.length * recordBytes];
        for (int k = 0; k < labels.length; k++) {
            out[k * recordBytes] = (byte) labels[k];
            for (int p = 0; p < recordBytes - 1; p++) {
                out[k * recordBytes + 1 + p] = (byte) cifarPixel(firstPattern + k, p);
            }
        }
        return out;
    }

    /** An idx3 images file with the given header and {@code count} images of the MNIST pattern. */
    static byte[] mnistImages(int count, int rows, int cols) {
        ByteBuffer out = ByteBuffer.allocate(16 + count * rows * cols);
        out.putInt(MnistIdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * cols; p++) {
                out.put((byte) mnistPixel(i, p));
            }
        }
        return out.array();
    }

    /** An idx1 labels file holding the given labels. */
    static byte[] mnistLabels(int... labels) {
        ByteBuffer out = ByteBuffer.allocate(8 + labels.length);
        out.putInt(MnistIdxReader.LABELS_MAGIC).putInt(labels.length);
        for (int label : labels) {
            out.put((byte) label);
        }
        return out.array();
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
