package io.github.rethinkinggeneralization.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One test result of the claim suite as Allure recorded it ({@code *-result.json}): its status,
 * message, the claim it belongs to (from the {@code feature} label, else the class's
 * {@code suite} label "C1: ..."), its story (the case name) and its start and stop times.
 */
public record AllureResult(Path file, String uuid, String historyId, String name, String status, String message,
                           String claimId, String claimText, String story, String testClass, long start, long stop) {

    private static final Pattern CLAIM_LABEL = Pattern.compile("(C\\d+[a-z]?):\\s*(.*)", Pattern.DOTALL);

    public boolean passed() {
        return "passed".equals(status);
    }

    public boolean skipped() {
        return "skipped".equals(status);
    }

    /** Failed (assertion) or broken (any other exception). */
    public boolean failedOrBroken() {
        return "failed".equals(status) || "broken".equals(status);
    }

    public double seconds() {
        return stop > start ? (stop - start) / 1000.0 : 0;
    }

    /** The display name without JUnit's "method(Args) " prefix. */
    public String displayName() {
        int paren = name.indexOf(") ");
        return name.contains("(") && paren > 0 && paren < name.length() - 2 ? name.substring(paren + 2) : name;
    }

    /** Every result under {@code dir} (latest per history id, so retries count once), oldest first. */
    public static List<AllureResult> readAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<AllureResult> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList()) {
                read(f).ifPresent(all::add);
            }
        } catch (IOException e) {
            return List.of();
        }
        Map<String, AllureResult> latest = new LinkedHashMap<>();
        all.stream().sorted(Comparator.comparingLong(AllureResult::start))
                .forEach(r -> latest.put(r.historyId() == null ? r.uuid() : r.historyId(), r));
        return List.copyOf(latest.values());
    }

    static Optional<AllureResult> read(Path file) {
        try {
            JsonNode n = Json.mapper().readTree(file.toFile());
            Map<String, String> labels = new LinkedHashMap<>();
            n.path("labels").forEach(l -> labels.putIfAbsent(l.path("name").asText(), l.path("value").asText()));
            String claimLabel = labels.getOrDefault("feature", labels.get("suite"));
            String claimId = null;
            String claimText = null;
            if (claimLabel != null) {
                Matcher m = CLAIM_LABEL.matcher(claimLabel);
                if (m.matches()) {
                    claimId = m.group(1);
                    claimText = m.group(2);
                }
            }
            JsonNode details = n.path("statusDetails");
            return Optional.of(new AllureResult(file, n.path("uuid").asText(), n.path("historyId").asText(null),
                    n.path("name").asText(""), n.path("status").asText("unknown"),
                    details.hasNonNull("message") ? details.get("message").asText() : null, claimId, claimText,
                    labels.get("story"), labels.get("testClass"), n.path("start").asLong(), n.path("stop").asLong()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
