package io.github.rethinkinggeneralization.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the downloader against a local HTTP server that serves tiny archives in the official formats. */
class DatasetDownloaderTest {

    private static final String WRONG_MD5 = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path root;

    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private byte[] cifarArchive;
    private final Map<String, byte[]> mnistFiles = new LinkedHashMap<>();

    @BeforeEach
    void startServer() throws IOException {
        cifarArchive = tarGz(Map.of(
                "cifar-10-batches-bin/data_batch_1.bin", DataFiles.cifarBatch(0, 1),
                "cifar-10-batches-bin/data_batch_2.bin", DataFiles.cifarBatch(0, 2),
                "cifar-10-batches-bin/data_batch_3.bin", DataFiles.cifarBatch(0, 3),
                "cifar-10-batches-bin/data_batch_4.bin", DataFiles.cifarBatch(0, 4),
                "cifar-10-batches-bin/data_batch_5.bin", DataFiles.cifarBatch(0, 5),
                "cifar-10-batches-bin/test_batch.bin", DataFiles.cifarBatch(0, 0, 9),
                "cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes(),
                "../escaped.bin", new byte[] {1},
                "elsewhere/readme.html", new byte[] {2}));
        served.put("/kriz/cifar-10-binary.tar.gz", cifarArchive);
        mnistFiles.put("train-images-idx3-ubyte.gz", DataFiles.gzip(DataFiles.mnistImages(3, 28, 28)));
        mnistFiles.put("train-labels-idx1-ubyte.gz", DataFiles.gzip(DataFiles.mnistLabels(4, 5, 6)));
        mnistFiles.put("t10k-images-idx3-ubyte.gz", DataFiles.gzip(DataFiles.mnistImages(2, 28, 28)));
        mnistFiles.put("t10k-labels-idx1-ubyte.gz", DataFiles.gzip(DataFiles.mnistLabels(7, 8)));
        mnistFiles.forEach((name, bytes) -> served.put("/mnist/" + name, bytes));

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = served.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private Map<String, String> mnistMd5() {
        Map<String, String> md5 = new HashMap<>();
        mnistFiles.forEach((name, bytes) -> md5.put(name, md5(bytes)));
        return md5;
    }

    private DatasetDownloader downloader(String cifarMd5, Map<String, String> mnistMd5) {
        return new DatasetDownloader(url("/kriz/cifar-10-binary.tar.gz"), cifarMd5, url("/mnist"), mnistMd5,
                Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    private DatasetDownloader working() {
        return downloader(md5(cifarArchive), mnistMd5());
    }

    private List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void cifar10ArchiveIsDownloadedVerifiedAndUnpackedIntoTheBatchesDirectory() throws IOException {
        DataDirectory dir = new DataDirectory(root);

        working().ensureCifar10(dir);

        assertThat(dir.hasFullCifar10()).isTrue();
        DataSplit split = dir.cifar10(1).orElseThrow();
        assertThat(split.train().labels()).containsExactly(1, 2, 3, 4, 5);
        assertThat(split.test().labels()).containsExactly(0, 9);
        assertThat(filesUnder(root)).allSatisfy(f -> assertThat(f.getParent()).isEqualTo(root.resolve("cifar-10-batches-bin")));
    }

    @Test
    void archiveEntriesOutsideTheBatchesDirectoryAreNotUnpacked() throws IOException {
        working().ensureCifar10(new DataDirectory(root));

        assertThat(root.resolve("escaped.bin")).doesNotExist();
        assertThat(root.resolveSibling("escaped.bin")).doesNotExist();
        assertThat(root.resolve("elsewhere")).doesNotExist();
        assertThat(filesUnder(root)).hasSize(7);
    }

    @Test
    void cifar10ChecksumMismatchLeavesNoFileBehindAndNamesTheFile() throws IOException {
        DataDirectory dir = new DataDirectory(root);

        assertThatThrownBy(() -> downloader(WRONG_MD5, mnistMd5()).ensureCifar10(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(root.resolve("cifar-10-binary.tar.gz").toString())
                .hasMessageContaining(url("/kriz/cifar-10-binary.tar.gz").toString())
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("expected " + WRONG_MD5 + ", found " + md5(cifarArchive));
        assertThat(filesUnder(root)).isEmpty();
        assertThat(dir.hasCifar10()).isFalse();
    }

    @Test
    void presentFullCifar10IsNotDownloadedAgain() {
        DataDirectory dir = new DataDirectory(root);
        working().ensureCifar10(dir);

        working().ensureCifar10(dir);

        assertThat(requests.get("/kriz/cifar-10-binary.tar.gz")).hasValue(1);
    }

    @Test
    void mnistFilesAreDownloadedAndVerified() throws IOException {
        DataDirectory dir = new DataDirectory(root);

        working().ensureMnist(dir);

        assertThat(dir.hasFullMnist()).isTrue();
        DataSplit split = dir.mnist(1).orElseThrow();
        assertThat(split.train().labels()).containsExactly(4, 5, 6);
        assertThat(split.test().labels()).containsExactly(7, 8);
        assertThat(filesUnder(root)).extracting(f -> f.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(mnistFiles.keySet());
        for (Path file : filesUnder(root)) {
            assertThat(Files.readAllBytes(file)).isEqualTo(mnistFiles.get(file.getFileName().toString()));
        }
    }

    @Test
    void onlyTheMissingMnistFilesAreDownloaded() {
        Path mnist = root.resolve("mnist");
        DataFiles.write(mnist.resolve("t10k-images-idx3-ubyte.gz"), mnistFiles.get("t10k-images-idx3-ubyte.gz"));
        DataFiles.write(mnist.resolve("t10k-labels-idx1-ubyte"), DataFiles.mnistLabels(7, 8));

        working().ensureMnist(new DataDirectory(root));

        assertThat(requests).containsOnlyKeys("/mnist/train-images-idx3-ubyte.gz", "/mnist/train-labels-idx1-ubyte.gz");
        assertThat(mnist.resolve("t10k-labels-idx1-ubyte.gz")).doesNotExist();
    }

    @Test
    void mnistChecksumMismatchLeavesNoFileBehindAndNamesTheFile() throws IOException {
        Map<String, String> md5 = mnistMd5();
        md5.put("train-labels-idx1-ubyte.gz", WRONG_MD5);
        Path target = root.resolve("mnist").resolve("train-labels-idx1-ubyte.gz");

        assertThatThrownBy(() -> downloader(md5(cifarArchive), md5).ensureMnist(new DataDirectory(root)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("expected " + WRONG_MD5 + ", found " + md5(mnistFiles.get("train-labels-idx1-ubyte.gz")))
                .satisfies(e -> assertThat(((DatasetException) e).file()).isEqualTo(target));
        assertThat(target).doesNotExist();
        assertThat(filesUnder(root)).extracting(f -> f.getFileName().toString())
                .containsExactly("train-images-idx3-ubyte.gz"); // downloaded and verified before the bad one
    }

    @Test
    void httpErrorIsReportedWithTheUrlAndLeavesNoFileBehind() throws IOException {
        served.remove("/mnist/train-images-idx3-ubyte.gz");

        assertThatThrownBy(() -> working().ensureMnist(new DataDirectory(root)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(url("/mnist/train-images-idx3-ubyte.gz").toString())
                .hasMessageContaining("HTTP status 404");
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void officialSourcesAreTheDefaults() {
        assertThat(DatasetDownloader.CIFAR10_ARCHIVE_URL).hasToString("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
        assertThat(DatasetDownloader.MNIST_BASE_URL).hasToString("https://ossci-datasets.s3.amazonaws.com/mnist/");
        assertThat(DatasetDownloader.MNIST_MD5).containsEntry("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3");
    }

    private static String md5(byte[] bytes) {
        try {
            return Checksums.md5(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.putArchiveEntry(new TarArchiveEntry("cifar-10-batches-bin/"));
            tar.closeArchiveEntry();
            for (Map.Entry<String, byte[]> e : new TreeMap<>(entries).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
