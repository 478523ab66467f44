package io.github.rethinkinggeneralization.data;

import java.nio.file.Path;

/**
 * Thrown when a dataset file or directory is missing or malformed. The message always names the
 * file and says what to do about it.
 */
public class DatasetException extends RuntimeException {
    private final Path file;

    public DatasetException(Path file, String problem, String fix) {
        super(file + ": " + problem + ". " + fix);
        this.file = file;
    }

    public DatasetException(Path file, String problem, String fix, Throwable cause) {
        super(file + ": " + problem + ". " + fix, cause);
        this.file = file;
    }

    /** The file or directory at fault. */
    public Path file() {
        return file;
    }
}
