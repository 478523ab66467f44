package io.github.rethinkinggeneralization.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The directory that holds the real datasets, and the layouts the suite recognises in it: the full
 * CIFAR-10 ({@code cifar-10-batches-bin/}), the CI subset of CIFAR-10 ({@code cifar-10-subset/}),
 * and MNIST ({@code mnist/}, all four idx files or only the two test-set files).
 *
 * <p>A dataset that is simply absent yields {@link Optional#empty()}; a layout that is present but
 * incomplete is an error that names the missing file.
 */
public final class DataDirectory {

    /** System property naming the data directory. */
    public static final String PROPERTY = "datasets.dir";
    /** Environment variable naming the data directory, used when the property is not set. */
    public static final String ENV = "DATASETS_DIR";

    public static final String CIFAR10_FULL_DIR = "cifar-10-batches-bin";
    public static final String CIFAR10_SUBSET_DIR = "cifar-10-subset";
    public static final String MNIST_DIR = "mnist";
    public static final List<String> CIFAR10_TRAIN_FILES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String CIFAR10_TEST_FILE = "test_batch.bin";
    public static final String MNIST_TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String MNIST_TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String MNIST_TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String MNIST_TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** When only the MNIST test set is present, this fraction of it (1/5) becomes the suite's test part. */
    static final int MNIST_TEST_ONLY_TEST_DIVISOR = 5;

    private static final String SETTING_FIX = "Set -D" + PROPERTY + "=<directory> or the environment variable "
            + ENV + " to an existing directory, or unset both to use ~/.cache/rethinking-generalization";

    private final Path root;
    private final String source;

    /** A data directory at {@code root}; a root that does not exist simply holds no datasets. */
    public DataDirectory(Path root) {
        this(root, "given");
    }

    private DataDirectory(Path root, String source) {
        this.root = root.toAbsolutePath().normalize();
        this.source = source;
    }

    /**
     * The directory named by the system property {@value #PROPERTY}, else by the environment
     * variable {@value #ENV}, else {@code ~/.cache/rethinking-generalization}.
     *
     * @throws DatasetException if a directory is set explicitly but does not exist
     */
    public static DataDirectory resolve() {
        return resolve(System.getProperty(PROPERTY), System.getenv(ENV), Path.of(System.getProperty("user.home")));
    }

    static DataDirectory resolve(String property, String env, Path home) {
        Path defaultRoot = defaultRoot(home);
        if (property != null && !property.isBlank()) {
            return explicit(Path.of(property.strip()), "system property " + PROPERTY, defaultRoot);
        }
        if (env != null && !env.isBlank()) {
            return explicit(Path.of(env.strip()), "environment variable " + ENV, defaultRoot);
        }
        return new DataDirectory(defaultRoot, "default location");
    }

    /** {@code ~/.cache/rethinking-generalization} under the given home directory. */
    public static Path defaultRoot(Path home) {
        return home.resolve(".cache").resolve("rethinking-generalization").toAbsolutePath().normalize();
    }

    private static DataDirectory explicit(Path dir, String source, Path defaultRoot) {
        DataDirectory directory = new DataDirectory(dir, source);
        // The build passes the default location explicitly; a missing default only means "no datasets yet".
        if (!Files.isDirectory(directory.root) && !directory.root.equals(defaultRoot)) {
            throw new DatasetException(directory.root, "the data directory set by " + source
                    + " does not exist", SETTING_FIX);
        }
        return directory;
    }

    /** The directory itself (absolute). */
    public Path root() {
        return root;
    }

    /** True if a complete CIFAR-10 layout (full or subset) is present; an incomplete one throws. */
    public boolean hasCifar10() {
        return cifar10Files().isPresent();
    }

    /** True if the complete official CIFAR-10 ({@value #CIFAR10_FULL_DIR}) is present; an incomplete one throws. */
    public boolean hasFullCifar10() {
        return cifar10Files().map(CifarFiles::full).orElse(false);
    }

    /** True if MNIST (all four files, or the two test-set files) is present; an incomplete layout throws. */
    public boolean hasMnist() {
        return mnistFiles().isPresent();
    }

    /** True if all four official MNIST files are present; an incomplete layout throws. */
    public boolean hasFullMnist() {
        return mnistFiles().map(MnistFiles::full).orElse(false);
    }

    /**
     * CIFAR-10 as found here, the full dataset preferred over the CI subset; the provenance names
     * the files and says which of the two it is. The seed is unused: both layouts come already
     * divided into training and test files.
     */
    public Optional<DataSplit> cifar10(long seed) {
        return cifar10Files().map(files -> {
            LabeledImages train = Cifar10BinaryReader.read(files.train());
            LabeledImages test = Cifar10BinaryReader.read(files.test());
            String what = files.full() ? "CIFAR-10, full dataset" : "CIFAR-10 subset (not the full dataset)";
            String provenance = String.format(Locale.ROOT, "%s: %,d training images (%s) and %,d test images (%s) from %s",
                    what, train.size(), names(files.train()), test.size(), names(files.test()),
                    files.train().get(0).getParent());
            return new DataSplit("cifar10", train, test, provenance);
        });
    }

    /**
     * MNIST as found here. With all four files the official 60,000/10,000 split is used; with only
     * the test-set files the suite splits those images 4:1, stratified by class and seeded with
     * {@code seed}, and the provenance says so.
     */
    public Optional<DataSplit> mnist(long seed) {
        return mnistFiles().map(files -> {
            LabeledImages test = MnistIdxReader.read(files.testImages(), files.testLabels());
            if (files.full()) {
                LabeledImages train = MnistIdxReader.read(files.trainImages(), files.trainLabels());
                String provenance = String.format(Locale.ROOT,
                        "MNIST, full dataset: %,d training images (%s, %s) and %,d test images (%s, %s) from %s",
                        train.size(), name(files.trainImages()), name(files.trainLabels()),
                        test.size(), name(files.testImages()), name(files.testLabels()), files.testImages().getParent());
                return new DataSplit("mnist", train, test, provenance);
            }
            int testSize = test.size() / MNIST_TEST_ONLY_TEST_DIVISOR;
            DataSplit split = StratifiedSplit.split("mnist", test, testSize, seed);
            String provenance = String.format(Locale.ROOT,
                    "MNIST test set only (%,d images) split %,d/%,d by the suite, seed %d"
                            + " (stratified by class; the official training files are absent) from %s (%s, %s)",
                    test.size(), split.train().size(), split.test().size(), seed,
                    files.testImages().getParent(), name(files.testImages()), name(files.testLabels()));
            return split.withProvenance(provenance);
        });
    }

    /** A few lines saying where this directory came from and which datasets it holds. */
    public String describe() {
        StringBuilder out = new StringBuilder("datasets directory " + root + " (" + source + ")");
        if (!Files.isDirectory(root)) {
            return out.append(": does not exist, no datasets").toString();
        }
        out.append("\n  cifar10: ");
        try {
            out.append(cifar10Files().map(f -> (f.full() ? "full dataset in " + CIFAR10_FULL_DIR + "/"
                            : "CI subset in " + CIFAR10_SUBSET_DIR + "/") + " (training: " + names(f.train())
                            + "; test: " + names(f.test()) + ")")
                    .orElse("absent"));
        } catch (DatasetException e) {
            out.append("unusable: ").append(e.getMessage());
        }
        out.append("\n  mnist: ");
        try {
            out.append(mnistFiles().map(f -> (f.full() ? "full dataset in " + MNIST_DIR + "/"
                            : "test set only in " + MNIST_DIR + "/ (the suite splits it)") + " ("
                            + (f.full() ? name(f.trainImages()) + ", " + name(f.trainLabels()) + ", " : "")
                            + name(f.testImages()) + ", " + name(f.testLabels()) + ")")
                    .orElse("absent"));
        } catch (DatasetException e) {
            out.append("unusable: ").append(e.getMessage());
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "DataDirectory[" + root + ", " + source + "]";
    }

    /** The CIFAR-10 files of a complete layout: training files in order, test files in order. */
    record CifarFiles(boolean full, List<Path> train, List<Path> test) {
    }

    /** The MNIST files of a complete layout; the training files are null when only the test set is present. */
    record MnistFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {
        boolean full() {
            return trainImages != null;
        }
    }

    Optional<CifarFiles> cifar10Files() {
        Path full = root.resolve(CIFAR10_FULL_DIR);
        if (Files.isDirectory(full)) {
            List<Path> train = new ArrayList<>();
            for (String name : CIFAR10_TRAIN_FILES) {
                train.add(requireFile(full.resolve(name), Cifar10BinaryReader.FIX));
            }
            Path test = requireFile(full.resolve(CIFAR10_TEST_FILE), Cifar10BinaryReader.FIX);
            return Optional.of(new CifarFiles(true, List.copyOf(train), List.of(test)));
        }
        Path subset = root.resolve(CIFAR10_SUBSET_DIR);
        if (Files.isDirectory(subset)) {
            String fix = "Restore the subset files or remove " + subset + " (the full dataset goes into <datasets dir>/"
                    + CIFAR10_FULL_DIR + ")";
            List<Path> train = matching(subset, "data_batch_");
            List<Path> test = matching(subset, "test_batch");
            if (train.isEmpty()) {
                throw new DatasetException(subset.resolve("data_batch_*.bin"), "incomplete CIFAR-10 subset: no training files", fix);
            }
            if (test.isEmpty()) {
                throw new DatasetException(subset.resolve("test_batch*.bin"), "incomplete CIFAR-10 subset: no test files", fix);
            }
            return Optional.of(new CifarFiles(false, train, test));
        }
        return Optional.empty();
    }

    Optional<MnistFiles> mnistFiles() {
        Path dir = root.resolve(MNIST_DIR);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Path testImages = requireFile(mnistFile(dir, MNIST_TEST_IMAGES), MnistIdxReader.FIX);
        Path testLabels = requireFile(mnistFile(dir, MNIST_TEST_LABELS), MnistIdxReader.FIX);
        Path trainImages = mnistFile(dir, MNIST_TRAIN_IMAGES);
        Path trainLabels = mnistFile(dir, MNIST_TRAIN_LABELS);
        if (!Files.isRegularFile(trainImages) && !Files.isRegularFile(trainLabels)) {
            return Optional.of(new MnistFiles(null, null, testImages, testLabels));
        }
        return Optional.of(new MnistFiles(requireFile(trainImages, MnistIdxReader.FIX),
                requireFile(trainLabels, MnistIdxReader.FIX), testImages, testLabels));
    }

    /** The raw file if present, else the {@code .gz} file (whether present or not). */
    static Path mnistFile(Path dir, String name) {
        Path raw = dir.resolve(name);
        return Files.isRegularFile(raw) ? raw : dir.resolve(name + ".gz");
    }

    private static Path requireFile(Path file, String fix) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file, "incomplete dataset layout: this file is missing from "
                    + file.getParent(), fix);
        }
        return file;
    }

    private static List<Path> matching(Path dir, String prefix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Files.isRegularFile(f))
                    .filter(f -> name(f).startsWith(prefix) && name(f).endsWith(".bin"))
                    .sorted((a, b) -> name(a).compareTo(name(b)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }

    private static String names(List<Path> files) {
        return files.stream().map(DataDirectory::name).collect(Collectors.joining(", "));
    }
}
