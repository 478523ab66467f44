package io.github.rethinkinggeneralization.data;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads a dataset by kind from a data directory, once per JVM, and cuts seeded stratified subsets
 * from it. Real datasets that are absent are reported as absent, never silently replaced.
 */
public final class DatasetCatalog {
    /** Seed of the synthetic dataset's class templates: the synthetic dataset is one fixed dataset. */
    public static final long SYNTHETIC_SEED = 2017;
    /** Seed of the suite's own train/test split where only the MNIST test set is present. */
    public static final long SPLIT_SEED = 11;

    private final DataDirectory directory;
    private final Map<DatasetKind, Optional<DataSplit>> loaded = new ConcurrentHashMap<>();

    public DatasetCatalog(DataDirectory directory) {
        this.directory = directory;
    }

    /**
     * The catalog of the data directory this JVM is configured with; with
     * {@code -Ddatasets.download=true} the official archives are fetched first where absent.
     */
    public static DatasetCatalog fromConfiguration() {
        DataDirectory dir = DataDirectory.resolve();
        if (DatasetDownloader.enabled()) {
            DatasetDownloader downloader = new DatasetDownloader();
            downloader.ensureCifar10(dir);
            downloader.ensureMnist(dir);
        }
        return new DatasetCatalog(dir);
    }

    public DataDirectory directory() {
        return directory;
    }

    /** Whether the dataset is present (the synthetic dataset always is). */
    public boolean isPresent(DatasetKind kind) {
        return switch (kind) {
            case CIFAR10 -> directory.hasCifar10();
            case MNIST -> directory.hasMnist();
            case SYNTHETIC -> true;
        };
    }

    /** The most realistic dataset present: CIFAR-10, else MNIST, else synthetic. */
    public DatasetKind best() {
        for (DatasetKind kind : DatasetKind.values()) {
            if (isPresent(kind)) {
                return kind;
            }
        }
        return DatasetKind.SYNTHETIC;
    }

    /** What to do to make a dataset present. */
    public String howToProvide(DatasetKind kind) {
        return switch (kind) {
            case CIFAR10 -> "put the official CIFAR-10 binary batches under " + directory.root().resolve("cifar-10-batches-bin")
                    + " (or a subset under cifar-10-subset/), set -Ddatasets.dir / DATASETS_DIR to a directory that has them,"
                    + " or run with -Ddatasets.download=true";
            case MNIST -> "put the MNIST idx files (.gz) under " + directory.root().resolve("mnist")
                    + ", set -Ddatasets.dir / DATASETS_DIR, or run with -Ddatasets.download=true";
            case SYNTHETIC -> "nothing to do: the synthetic dataset is generated";
        };
    }

    /**
     * A stratified subset of {@code nTrain} training and {@code nTest} test images.
     *
     * @throws DatasetException when a real dataset is absent
     */
    public DataSplit load(DatasetKind kind, int nTrain, int nTest, long seed) {
        DataSplit full = switch (kind) {
            case SYNTHETIC -> SyntheticImages.cifarShaped(SYNTHETIC_SEED).split(nTrain, nTest);
            case CIFAR10, MNIST -> loaded.computeIfAbsent(kind, this::loadReal)
                    .orElseThrow(() -> new DatasetException(directory.root(), kind.id() + " is not present",
                            howToProvide(kind)));
        };
        return StratifiedSubset.of(full, nTrain, nTest, seed);
    }

    private Optional<DataSplit> loadReal(DatasetKind kind) {
        return kind == DatasetKind.CIFAR10 ? directory.cifar10(SPLIT_SEED) : directory.mnist(SPLIT_SEED);
    }
}
