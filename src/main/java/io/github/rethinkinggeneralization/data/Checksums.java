package io.github.rethinkinggeneralization.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** MD5 and SHA-256 digests of files and streams as lower-case hex, and a check against an expected MD5. */
public final class Checksums {

    private Checksums() {
    }

    /** Lower-case hex MD5 of the file's bytes. */
    public static String md5(Path file) {
        return digest(file, "MD5");
    }

    /** Lower-case hex SHA-256 of the file's bytes. */
    public static String sha256(Path file) {
        return digest(file, "SHA-256");
    }

    /** Lower-case hex MD5 of everything left in the stream; the stream is read to its end, not closed. */
    public static String md5(InputStream in) throws IOException {
        return digest(in, "MD5");
    }

    /** Lower-case hex SHA-256 of everything left in the stream; the stream is read to its end, not closed. */
    public static String sha256(InputStream in) throws IOException {
        return digest(in, "SHA-256");
    }

    /**
     * Checks the file's MD5 against {@code expectedMd5} (hex, any case).
     *
     * @throws DatasetException naming the file with the expected and the found digest when they differ
     */
    public static void verify(Path file, String expectedMd5) {
        String found = md5(file);
        if (!found.equals(expectedMd5.toLowerCase(Locale.ROOT))) {
            throw new DatasetException(file, "checksum mismatch: expected " + expectedMd5.toLowerCase(Locale.ROOT)
                    + ", found " + found,
                    "Delete the file and download it again (or run with -Ddatasets.download=true)");
        }
    }

    private static String digest(Path file, String algorithm) {
        try (InputStream in = Files.newInputStream(file)) {
            return digest(in, algorithm);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "file not found", "Check the path or download the file again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String digest(InputStream in, String algorithm) throws IOException {
        MessageDigest md = newDigest(algorithm);
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            md.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5 and SHA-256.
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
