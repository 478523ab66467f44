package io.github.rethinkinggeneralization.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the Allure report needs besides the test results, written into the results directory
 * before the report is generated: {@code environment.properties} (the hardware fingerprint and the
 * run), {@code executor.json}, {@code categories.json} ({@link AllureCategories}), the previous
 * report's {@code history/} (so the report shows the trend), and the figures attached to the
 * claim cases they illustrate.
 */
public final class AllureExtras {
    private final Path results;

    public AllureExtras(Path resultsDir) {
        this.results = resultsDir;
    }

    public void writeEnvironment(Summary summary) {
        Map<String, String> p = new LinkedHashMap<>();
        // The Overview page's Environment widget shows its first five entries: the verdicts and status go first.
        p.put("claims", String.join(" · ", summary.claims().stream().map(c -> c.id() + " " + c.verdict()).toList()));
        p.put("summary.status", summary.status() + (summary.partial() ? ": " + String.join("; ", summary.partialReasons()) : ""));
        for (Summary.Claim c : summary.claims()) {
            p.put("claim." + c.id(), c.verdict() + ": " + c.claim() + " (" + SummaryMarkdown.caseCounts(c) + ")");
        }
        p.put("claims.profile", summary.profile());
        p.put("datasets", String.join(", ", summary.datasets()));
        p.put("suite.wallTime", SummaryBuilder.seconds(summary.timing().suiteSeconds()) + " (" + summary.timing().suiteSecondsSource() + ")");
        p.put("training.wallTime", SummaryBuilder.seconds(summary.timing().trainingSeconds()));
        p.putAll(summary.fingerprint().toProperties());
        StringBuilder b = new StringBuilder("# Written by io.github.rethinkinggeneralization.report.SummaryReport\n");
        p.forEach((k, v) -> b.append(escape(k, true)).append('=').append(escape(v == null ? "" : v, false)).append('\n'));
        AtomicFiles.write(results.resolve("environment.properties"), b.toString());
    }

    /**
     * Allure's executor.json. Note that the allure-maven plugin rewrites this file from its own
     * {@code executorInfo} configuration when it generates the report; this copy serves
     * {@code allure serve} / {@code allure generate} run by hand.
     */
    public void writeExecutor(Summary summary, String buildName, String reportName) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", "Maven");
        e.put("type", "maven");
        e.put("buildName", buildName);
        e.put("buildOrder", previousBuilds() + 1);
        e.put("reportName", reportName);
        String url = buildUrl();
        if (url != null) {
            e.put("buildUrl", url);
        }
        AtomicFiles.write(results.resolve("executor.json"), Json.write(e));
    }

    public void writeCategories() {
        AtomicFiles.write(results.resolve("categories.json"), Json.write(AllureCategories.ALL));
    }

    /** Copies {@code <report>/history} into the results so the new report continues the trend; returns files copied. */
    public int carryHistory(Path reportDir) {
        Path from = reportDir.resolve("history");
        if (!Files.isDirectory(from)) {
            return 0;
        }
        Path to = results.resolve("history");
        int n = 0;
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                n++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot carry the Allure history from " + from + ": " + e.getMessage(), e);
        }
        return n;
    }

    /**
     * Attaches each figure to the results of the cases it illustrates (matched by claim and story),
     * replacing an attachment of the same name from an earlier pass; returns how many were attached.
     */
    public int attachFigures(List<PaperCharts.ChartFile> charts) {
        if (charts.isEmpty() || !Files.isDirectory(results)) {
            return 0;
        }
        int attached = 0;
        for (AllureResult r : AllureResult.readAll(results)) {
            List<PaperCharts.ChartFile> mine = new ArrayList<>();
            for (PaperCharts.ChartFile c : charts) {
                if (r.story() != null && c.illustrates(r.claimId(), r.story())) {
                    mine.add(c);
                }
            }
            if (!mine.isEmpty()) {
                attached += attach(r.file(), mine);
            }
        }
        return attached;
    }

    private int attach(Path resultFile, List<PaperCharts.ChartFile> charts) {
        try {
            ObjectNode root = (ObjectNode) Json.mapper().readTree(resultFile.toFile());
            ArrayNode attachments = root.withArray("attachments");
            for (PaperCharts.ChartFile c : charts) {
                String name = "figure: " + c.title();
                for (int i = attachments.size() - 1; i >= 0; i--) {
                    JsonNode a = attachments.get(i);
                    if (name.equals(a.path("name").asText())) {
                        Files.deleteIfExists(results.resolve(a.path("source").asText()));
                        attachments.remove(i);
                    }
                }
                String source = UUID.randomUUID() + "-attachment.png";
                Files.copy(c.file(), results.resolve(source), StandardCopyOption.REPLACE_EXISTING);
                attachments.addObject().put("name", name).put("source", source).put("type", "image/png");
            }
            AtomicFiles.write(resultFile, Json.mapper().writeValueAsBytes(root));
            return charts.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot attach figures to " + resultFile + ": " + e.getMessage(), e);
        }
    }

    private int previousBuilds() {
        Path trend = results.resolve("history").resolve("history-trend.json");
        try {
            return Files.isRegularFile(trend) ? Json.mapper().readTree(trend.toFile()).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The CI job's URL where the environment names one (GitHub Actions, GitLab, Jenkins). */
    private static String buildUrl() {
        Map<String, String> env = System.getenv();
        if (env.containsKey("GITHUB_RUN_ID") && env.containsKey("GITHUB_REPOSITORY")) {
            return env.getOrDefault("GITHUB_SERVER_URL", "https://github.com") + "/" + env.get("GITHUB_REPOSITORY")
                    + "/actions/runs/" + env.get("GITHUB_RUN_ID");
        }
        return env.getOrDefault("CI_JOB_URL", env.get("BUILD_URL"));
    }

    /** java.util.Properties escaping (ISO-8859-1 with \\u escapes), keeping our key order. */
    static String escape(String s, boolean key) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '=', ':', '#', '!' -> b.append('\\').append(c);
                case ' ' -> b.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
