package io.github.rethinkinggeneralization.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads an MNIST pair of idx files (idx3 images, magic 2051; idx1 labels, magic 2049), raw or
 * gzip-compressed, into 28x28 single-channel images with pixels scaled to [0, 1].
 *
 * <p>Compression is recognised by the gzip magic bytes, so a compressed file without the
 * {@code .gz} suffix (or an uncompressed one with it) is still read correctly.
 */
public final class MnistIdxReader {

    public static final int IMAGES_MAGIC = 2051;
    public static final int LABELS_MAGIC = 2049;
    public static final int NUM_CLASSES = 10;

    static final String FIX = "Re-download the official MNIST files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,"
            + " t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) from https://ossci-datasets.s3.amazonaws.com/mnist/"
            + " into <datasets dir>/mnist, or run with -Ddatasets.download=true"
            + " (the datasets dir is set by -Ddatasets.dir or DATASETS_DIR)";

    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;
    private static final int SIDE = 28;

    private MnistIdxReader() {
    }

    /** Reads the images file and the labels file that belong to it. */
    public static LabeledImages read(Path imagesFile, Path labelsFile) {
        byte[] images = content(imagesFile);
        byte[] labels = content(labelsFile);

        int imageCount = header(imagesFile, images, IMAGES_HEADER, IMAGES_MAGIC, "idx3 images");
        ByteBuffer imageHeader = ByteBuffer.wrap(images);
        int rows = imageHeader.getInt(8);
        int cols = imageHeader.getInt(12);
        if (rows != SIDE || cols != SIDE) {
            throw new DatasetException(imagesFile, "images are " + rows + "x" + cols + ", expected 28x28", FIX);
        }
        long promised = IMAGES_HEADER + (long) imageCount * SIDE * SIDE;
        if (images.length < promised) {
            throw new DatasetException(imagesFile, "truncated: the header promises " + imageCount + " images ("
                    + promised + " bytes) but the file holds " + images.length + " bytes", FIX);
        }

        int labelCount = header(labelsFile, labels, LABELS_HEADER, LABELS_MAGIC, "idx1 labels");
        if (labels.length < LABELS_HEADER + (long) labelCount) {
            throw new DatasetException(labelsFile, "truncated: the header promises " + labelCount + " labels ("
                    + (LABELS_HEADER + (long) labelCount) + " bytes) but the file holds " + labels.length + " bytes", FIX);
        }
        if (labelCount != imageCount) {
            throw new DatasetException(labelsFile, "holds " + labelCount + " labels but " + imagesFile.getFileName()
                    + " holds " + imageCount + " images; the two files do not belong together", FIX);
        }

        int[] labelValues = new int[labelCount];
        for (int i = 0; i < labelCount; i++) {
            int label = labels[LABELS_HEADER + i] & 0xff;
            if (label >= NUM_CLASSES) {
                throw new DatasetException(labelsFile, "label " + label + " of item " + i
                        + " (0-based) is outside 0..9", FIX);
            }
            labelValues[i] = label;
        }
        float[] pixels = new float[imageCount * SIDE * SIDE];
        for (int p = 0; p < pixels.length; p++) {
            pixels[p] = (images[IMAGES_HEADER + p] & 0xff) / 255f;
        }
        return new LabeledImages(ImageShape.MNIST, NUM_CLASSES, pixels, labelValues);
    }

    /** Checks the magic number and returns the item count of an idx header. */
    private static int header(Path file, byte[] bytes, int headerBytes, int expectedMagic, String kind) {
        ByteBuffer header = ByteBuffer.wrap(bytes); // idx integers are big-endian, ByteBuffer's default
        // The magic number comes first so that a file of the wrong kind is named as such, not as short.
        if (bytes.length >= 4 && header.getInt(0) != expectedMagic) {
            throw new DatasetException(file, "wrong magic number: found " + header.getInt(0) + ", expected "
                    + expectedMagic + " (" + kind + ")", FIX);
        }
        if (bytes.length < headerBytes) {
            throw new DatasetException(file, "truncated: " + bytes.length + " bytes is shorter than the "
                    + headerBytes + "-byte " + kind + " header", FIX);
        }
        int count = header.getInt(4);
        if (count < 0) {
            throw new DatasetException(file, "negative item count " + count + " in the header", FIX);
        }
        return count;
    }

    /** The file's bytes, decompressed when they start with the gzip magic bytes. */
    static byte[] content(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file, "MNIST file not found", FIX);
        }
        boolean gzip;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            in.mark(2);
            gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            if (!gzip) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new DatasetException(file, "cannot read the file: " + e.getMessage(), FIX, e);
        }
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return in.readAllBytes();
        } catch (IOException e) {
            // ZipException for bad data, EOFException for a cut-off stream: either way the archive is damaged.
            throw new DatasetException(file, "corrupt gzip data (" + e + ")", FIX, e);
        }
    }
}
