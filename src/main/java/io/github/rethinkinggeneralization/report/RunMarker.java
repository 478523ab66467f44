package io.github.rethinkinggeneralization.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code reports/run.json}: when the claim suite started (written just before Failsafe runs it)
 * and, once the summary is written, when it finished. A marker that is still {@code RUNNING}
 * when a summary is read means that summary belongs to a run that did not end.
 */
public record RunMarker(long startedAtMillis, String startedAt, String profile, String state, Long finishedAtMillis) {

    public static final String FILE = "run.json";
    public static final String RUNNING = "RUNNING";
    public static final String FINISHED = "FINISHED";

    public static RunMarker started(Instant now, String profile) {
        return new RunMarker(now.toEpochMilli(), now.toString(), profile, RUNNING, null);
    }

    public RunMarker finished(Instant now) {
        return new RunMarker(startedAtMillis, startedAt, profile, FINISHED, now.toEpochMilli());
    }

    public boolean isFinished() {
        return FINISHED.equals(state) && finishedAtMillis != null;
    }

    /** Seconds from the start to {@code now}, or to the recorded finish when there is one. */
    public double secondsUntil(Instant now) {
        long end = isFinished() ? finishedAtMillis : now.toEpochMilli();
        return (end - startedAtMillis) / 1000.0;
    }

    public void write(Path reportsDir) {
        Json.writeFile(this, reportsDir.resolve(FILE));
    }

    /** The marker under {@code reportsDir}, if one was written and is readable. */
    public static Optional<RunMarker> read(Path reportsDir) {
        Path file = reportsDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = Json.mapper().readTree(file.toFile());
            return Optional.of(new RunMarker(n.path("startedAtMillis").asLong(), n.path("startedAt").asText(),
                    n.path("profile").asText(null), n.path("state").asText(RUNNING),
                    n.hasNonNull("finishedAtMillis") ? n.get("finishedAtMillis").asLong() : null));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
