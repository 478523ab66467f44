package io.github.rethinkinggeneralization.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads files in the official CIFAR-10 binary layout: records of one label byte followed by 3,072
 * pixel bytes (the R, G and B planes of a 32x32 image, each row-major), as in
 * {@code cifar-10-binary.tar.gz}.
 *
 * <p>The record layout is already channel-major, so pixels keep their order and are scaled to
 * [0, 1] as {@code byte / 255}.
 */
public final class Cifar10BinaryReader {

    /** Bytes per record: one label byte and 3 x 32 x 32 pixel bytes. */
    public static final int RECORD_BYTES = 1 + 3 * 32 * 32;
    public static final int NUM_CLASSES = 10;

    static final String FIX = "Re-download and unpack the official archive cifar-10-binary.tar.gz"
            + " (https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz) into <datasets dir>/cifar-10-batches-bin,"
            + " or run with -Ddatasets.download=true (the datasets dir is set by -Ddatasets.dir or DATASETS_DIR)";

    private Cifar10BinaryReader() {
    }

    /** Reads one or more batch files and concatenates their records in the given order. */
    public static LabeledImages read(Path... files) {
        return read(List.of(files));
    }

    /** Reads one or more batch files and concatenates their records in the given order. */
    public static LabeledImages read(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no CIFAR-10 batch files given");
        }
        long totalRecords = 0;
        for (Path file : files) {
            totalRecords += recordCount(file);
        }
        int imageSize = ImageShape.CIFAR10.size();
        if (totalRecords * imageSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(totalRecords + " CIFAR-10 images do not fit in one array");
        }
        float[] pixels = new float[(int) totalRecords * imageSize];
        int[] labels = new int[(int) totalRecords];
        int image = 0;
        for (Path file : files) {
            byte[] bytes = readAll(file);
            if (image + bytes.length / RECORD_BYTES > labels.length || bytes.length % RECORD_BYTES != 0) {
                throw new DatasetException(file, "file changed while it was being read", FIX);
            }
            for (int r = 0; r < bytes.length / RECORD_BYTES; r++, image++) {
                int offset = r * RECORD_BYTES;
                int label = bytes[offset] & 0xff;
                if (label >= NUM_CLASSES) {
                    throw new DatasetException(file, "label " + label + " of record " + r
                            + " (0-based) is outside 0..9; this is not a CIFAR-10 batch file", FIX);
                }
                labels[image] = label;
                int base = image * imageSize;
                for (int p = 0; p < imageSize; p++) {
                    pixels[base + p] = (bytes[offset + 1 + p] & 0xff) / 255f;
                }
            }
        }
        return new LabeledImages(ImageShape.CIFAR10, NUM_CLASSES, pixels, labels);
    }

    /** Number of records in the file, after checking that it exists and holds whole records. */
    static long recordCount(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file, "CIFAR-10 batch file not found", FIX);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
        if (size == 0) {
            throw new DatasetException(file, "file is empty", FIX);
        }
        if (size % RECORD_BYTES != 0) {
            throw new DatasetException(file, "truncated or wrong record size: " + size
                    + " bytes is not a multiple of " + RECORD_BYTES, FIX);
        }
        return size / RECORD_BYTES;
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read the file: " + e.getMessage(), FIX, e);
        }
    }
}
