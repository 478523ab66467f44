package io.github.rethinkinggeneralization.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the official CIFAR-10 and MNIST files into a {@link DataDirectory} for users with a
 * network (enabled by {@code -Ddatasets.download=true}). Every file is downloaded to a temporary
 * file beside its destination, checked against its published MD5 and only then moved into place,
 * so an interrupted or damaged download never leaves a file that looks complete.
 */
public final class DatasetDownloader {

    /** System property that turns downloading on. */
    public static final String PROPERTY = "datasets.download";

    public static final URI CIFAR10_ARCHIVE_URL = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    public static final String CIFAR10_ARCHIVE_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    public static final URI MNIST_BASE_URL = URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/");
    /** Published MD5 of each MNIST file, keyed by its {@code .gz} name. */
    public static final Map<String, String> MNIST_MD5 = Map.of(
            DataDirectory.MNIST_TRAIN_IMAGES + ".gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873",
            DataDirectory.MNIST_TRAIN_LABELS + ".gz", "d53e105ee54ea40749a09fcbcd1e9432",
            DataDirectory.MNIST_TEST_IMAGES + ".gz", "9fb629c4189551a2d022fa330f9573f3",
            DataDirectory.MNIST_TEST_LABELS + ".gz", "ec29112dd5afa0611ce80d1b7f02629c");

    private static final Logger LOG = LoggerFactory.getLogger(DatasetDownloader.class);
    private static final List<String> MNIST_FILES = List.of(DataDirectory.MNIST_TRAIN_IMAGES,
            DataDirectory.MNIST_TRAIN_LABELS, DataDirectory.MNIST_TEST_IMAGES, DataDirectory.MNIST_TEST_LABELS);

    private final URI cifar10Archive;
    private final String cifar10ArchiveMd5;
    private final URI mnistBase;
    private final Map<String, String> mnistMd5;
    private final Duration responseTimeout;
    private final Duration downloadTimeout;
    private final HttpClient client;

    /** A downloader for the official sources. */
    public DatasetDownloader() {
        this(CIFAR10_ARCHIVE_URL, CIFAR10_ARCHIVE_MD5, MNIST_BASE_URL, MNIST_MD5);
    }

    /** A downloader for other sources (mirrors, test servers) with 30 s to connect and respond and 30 min per file. */
    public DatasetDownloader(URI cifar10Archive, String cifar10ArchiveMd5, URI mnistBase, Map<String, String> mnistMd5) {
        this(cifar10Archive, cifar10ArchiveMd5, mnistBase, mnistMd5, Duration.ofSeconds(30), Duration.ofMinutes(30));
    }

    /**
     * @param mnistBase       directory URL holding the four MNIST {@code .gz} files
     * @param mnistMd5        MD5 of each MNIST {@code .gz} file, keyed by file name
     * @param responseTimeout limit for connecting and for the response headers to arrive
     * @param downloadTimeout limit for one whole file
     */
    public DatasetDownloader(URI cifar10Archive, String cifar10ArchiveMd5, URI mnistBase, Map<String, String> mnistMd5,
                             Duration responseTimeout, Duration downloadTimeout) {
        this.cifar10Archive = Objects.requireNonNull(cifar10Archive, "cifar10Archive");
        this.cifar10ArchiveMd5 = cifar10ArchiveMd5.toLowerCase(Locale.ROOT);
        String base = mnistBase.toString();
        this.mnistBase = URI.create(base.endsWith("/") ? base : base + "/");
        this.mnistMd5 = Map.copyOf(mnistMd5);
        for (String file : MNIST_FILES) {
            if (!this.mnistMd5.containsKey(file + ".gz")) {
                throw new IllegalArgumentException("no MD5 given for " + file + ".gz");
            }
        }
        this.responseTimeout = responseTimeout;
        this.downloadTimeout = downloadTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(responseTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** True when {@code -Ddatasets.download=true} is set. */
    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    /**
     * Makes sure the full CIFAR-10 is in {@code dir}: if {@code cifar-10-batches-bin/} is absent,
     * downloads and verifies the archive and unpacks that directory into place.
     *
     * @throws DatasetException if the download fails, its checksum differs, or the archive lacks a batch
     *                          file; also, without downloading, if an incomplete {@code cifar-10-batches-bin/}
     *                          is already there (it is never overwritten)
     */
    public void ensureCifar10(DataDirectory dir) {
        if (dir.hasFullCifar10()) {
            return;
        }
        Path root = createDirectories(dir.root());
        Path archive = root.resolve("cifar-10-binary.tar.gz");
        Path temp = download(cifar10Archive, cifar10ArchiveMd5, archive);
        Path staging = null;
        try {
            staging = Files.createTempDirectory(root, ".cifar-10-unpack-");
            Path unpacked = unpack(temp, staging, archive);
            for (String name : Stream.concat(DataDirectory.CIFAR10_TRAIN_FILES.stream(),
                    Stream.of(DataDirectory.CIFAR10_TEST_FILE)).toList()) {
                if (!Files.isRegularFile(unpacked.resolve(name))) {
                    throw new DatasetException(archive, "the archive from " + cifar10Archive + " lacks "
                            + DataDirectory.CIFAR10_FULL_DIR + "/" + name, Cifar10BinaryReader.FIX);
                }
            }
            moveIntoPlace(unpacked, root.resolve(DataDirectory.CIFAR10_FULL_DIR));
            LOG.info("CIFAR-10 unpacked into {}", root.resolve(DataDirectory.CIFAR10_FULL_DIR));
        } catch (IOException e) {
            throw new DatasetException(archive, "cannot unpack the archive from " + cifar10Archive + ": " + e,
                    Cifar10BinaryReader.FIX, e);
        } finally {
            deleteQuietly(temp);
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    /**
     * Makes sure all four MNIST files are in {@code dir/mnist}: each one absent (neither raw nor
     * {@code .gz}) is downloaded as {@code .gz} and verified.
     *
     * @throws DatasetException if a download fails or a checksum differs
     */
    public void ensureMnist(DataDirectory dir) {
        Path mnist = createDirectories(dir.root().resolve(DataDirectory.MNIST_DIR));
        for (String file : MNIST_FILES) {
            if (Files.isRegularFile(mnist.resolve(file)) || Files.isRegularFile(mnist.resolve(file + ".gz"))) {
                continue;
            }
            String gz = file + ".gz";
            Path target = mnist.resolve(gz);
            Path temp = download(mnistBase.resolve(gz), mnistMd5.get(gz), target);
            try {
                moveIntoPlace(temp, target);
            } catch (IOException e) {
                throw new DatasetException(target, "cannot move the verified download into place: " + e,
                        MnistIdxReader.FIX, e);
            } finally {
                deleteQuietly(temp);
            }
        }
    }

    /** Downloads {@code url} into a temporary file beside {@code target} and returns it once its MD5 matches. */
    private Path download(URI url, String expectedMd5, Path target) {
        String fix = "Check the network connection (and proxy settings), or fetch " + url
                + " by hand and place it at " + target;
        Path temp;
        try {
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw new DatasetException(target.getParent(), "cannot create a file here: " + e,
                    "Make the data directory writable or choose another with -Ddatasets.dir", e);
        }
        boolean verified = false;
        try {
            LOG.info("Downloading {} to {}", url, target);
            HttpRequest request = HttpRequest.newBuilder(url).timeout(responseTimeout).GET().build();
            CompletableFuture<HttpResponse<Path>> pending = client.sendAsync(request, info -> info.statusCode() == 200
                    ? HttpResponse.BodySubscribers.ofFile(temp)
                    : HttpResponse.BodySubscribers.replacing(null));
            HttpResponse<Path> response;
            try {
                response = pending.get(downloadTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                pending.cancel(true);
                throw new DatasetException(target, "download from " + url + " took longer than " + downloadTimeout, fix, e);
            } catch (ExecutionException e) {
                throw new DatasetException(target, "download from " + url + " failed: " + e.getCause(), fix, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatasetException(target, "download from " + url + " was interrupted", fix, e);
            }
            if (response.statusCode() != 200) {
                throw new DatasetException(target, "download from " + url + " failed with HTTP status "
                        + response.statusCode(), fix);
            }
            String found = Checksums.md5(temp);
            if (!found.equals(expectedMd5.toLowerCase(Locale.ROOT))) {
                throw new DatasetException(target, "checksum mismatch for " + url + ": expected "
                        + expectedMd5.toLowerCase(Locale.ROOT) + ", found " + found + "; the download was discarded",
                        "Run again; if it persists the server serves another file: " + fix);
            }
            verified = true;
            return temp;
        } finally {
            if (!verified) {
                deleteQuietly(temp);
            }
        }
    }

    /** Extracts the regular files under {@code cifar-10-batches-bin/} and returns that directory in {@code staging}. */
    private static Path unpack(Path tarGz, Path staging, Path archiveName) throws IOException {
        Path wanted = staging.resolve(DataDirectory.CIFAR10_FULL_DIR);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tarGz));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            for (TarArchiveEntry entry; (entry = tar.getNextTarEntry()) != null; ) {
                Path out = staging.resolve(entry.getName()).normalize();
                // Only regular files inside the batches directory; this also stops "../" entries escaping.
                if (!entry.isFile() || !out.startsWith(wanted)) {
                    continue;
                }
                Files.createDirectories(out.getParent());
                Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!Files.isDirectory(wanted)) {
            throw new DatasetException(archiveName, "the archive holds no " + DataDirectory.CIFAR10_FULL_DIR
                    + "/ directory", Cifar10BinaryReader.FIX);
        }
        return wanted;
    }

    private static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on unusual file systems; a plain move is the best left.
            Files.move(source, target);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DatasetException(dir, "cannot create the directory: " + e,
                    "Make it writable or choose another data directory with -Ddatasets.dir", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file, e.toString());
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(DatasetDownloader::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.toString());
        }
    }
}
