package io.github.rethinkinggeneralization.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A case record read back from {@code reports/claims/<claim>/<case>.json}, with the file it came
 * from, when it was written, and the case's extra result ({@code <case>.result.json}) if any.
 */
public record CaseRecord(CaseOutcome outcome, Path file, long modifiedMillis, JsonNode extra) {

    /** Case names of negative controls start with this. */
    public static final String CONTROL_PREFIX = "control:";

    public boolean control() {
        return outcome.caseName().startsWith(CONTROL_PREFIX);
    }

    /**
     * Case names of observations start with this: a figure the paper shows for another network
     * (e.g. Fig. 1a's order, which it shows for Inception only), measured and reported with its
     * verdict but outside the claim's verdict.
     */
    public static final String OBSERVATION_PREFIX = "recorded:";

    public boolean observation() {
        return outcome.caseName().startsWith(OBSERVATION_PREFIX);
    }

    /** What {@link #readAll} found: the readable records and the files that would not parse. */
    public record Loaded(List<CaseRecord> records, List<String> unreadable) {
    }

    /** Every case record under {@code claimsDir}, by claim and file name. */
    public static Loaded readAll(Path claimsDir) {
        List<CaseRecord> records = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        if (!Files.isDirectory(claimsDir)) {
            return new Loaded(List.of(), List.of());
        }
        try (Stream<Path> files = Files.walk(claimsDir, 2)) {
            for (Path f : files.filter(CaseRecord::isCaseFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                try {
                    CaseOutcome outcome = Json.mapper().readValue(f.toFile(), CaseOutcome.class);
                    Path extraFile = f.resolveSibling(f.getFileName().toString().replaceFirst("\\.json$", ".result.json"));
                    JsonNode extra = Files.isRegularFile(extraFile) ? Json.mapper().readTree(extraFile.toFile()) : null;
                    records.add(new CaseRecord(outcome, f, Files.getLastModifiedTime(f).toMillis(), extra));
                } catch (IOException | RuntimeException e) {
                    unreadable.add(claimsDir.relativize(f) + " (" + firstLine(e.getMessage()) + ")");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + claimsDir, e);
        }
        return new Loaded(List.copyOf(records), List.copyOf(unreadable));
    }

    private static boolean isCaseFile(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && name.endsWith(".json") && !name.endsWith(".result.json") && !name.startsWith(".");
    }

    private static String firstLine(String s) {
        return s == null ? "unreadable" : s.lines().findFirst().orElse(s);
    }
}
