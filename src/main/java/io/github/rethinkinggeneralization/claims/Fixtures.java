package io.github.rethinkinggeneralization.claims;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.rethinkinggeneralization.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates and reads the data files under {@code fixtures/} (override with {@code -Dfixtures.dir}). */
public final class Fixtures {
    private Fixtures() {
    }

    /** The fixtures directory. */
    public static Path dir() {
        return Path.of(System.getProperty("fixtures.dir", "fixtures"));
    }

    /** A fixture file parsed as JSON; a missing or malformed file is a clear error naming it. */
    public static JsonNode read(String name) {
        Path file = dir().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + ": fixture file is missing. Run from the project root"
                    + " or point -Dfixtures.dir at the project's fixtures/ directory.");
        }
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file.toAbsolutePath() + ": not valid JSON (" + e.getMessage()
                    + "). Fix the file; it is data the claims read.", e);
        }
    }
}
