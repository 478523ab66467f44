package io.github.rethinkinggeneralization.train;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One benchmark run against an earlier one ({@code -Dbench.baseline=.../throughput.json}): per
 * network, this run's images/s and share of SGEMM beside the baseline's and the ratio of the rates,
 * for a regression check on new hardware or before and after a change. The rates are compared as
 * measured; a shared host's own swings (README, Performance) are why the shares of SGEMM sit beside
 * them.
 *
 * @param baselineFile the earlier run's {@code throughput.json}
 * @param baseline     what it holds
 */
record ThroughputComparison(Path baselineFile, ThroughputResults baseline) {

    /**
     * Reads a {@code throughput.json} that {@link ThroughputResults#write} wrote; a missing, unreadable
     * or malformed file is an error naming it and how to make one.
     */
    static ThroughputComparison against(Path baselineFile) {
        try {
            ThroughputResults r = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(Files.readString(baselineFile), ThroughputResults.class);
            if (r.rows().isEmpty()) { // absent rows fail in the record's constructor, above
                throw new IllegalArgumentException(problem(baselineFile, "holds no networks' rows"));
            }
            return new ThroughputComparison(baselineFile, r);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(problem(baselineFile, "does not exist"), e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(problem(baselineFile, "is not a benchmark results file: " + e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(problem(baselineFile, "cannot be read: " + e), e);
        }
    }

    private static String problem(Path file, String what) {
        return "-Dbench.baseline=" + file + " " + what + " (give the throughput.json an earlier benchmark run wrote"
                + " under reports/benchmark/; copy it elsewhere first, since each run replaces it)";
    }

    /** One network of this run beside the baseline's (absent when the baseline did not measure it). */
    record Line(ThroughputResults.Row now, Optional<ThroughputResults.Row> before) {
        /** This run's images/s over the baseline's; NaN without a baseline row. */
        double ratio() {
            return before.map(b -> now.imagesPerSecond() / b.imagesPerSecond()).orElse(Double.NaN);
        }
    }

    /** This run's rows, each with the baseline's row for the same network and width, if any. */
    List<Line> lines(ThroughputResults now) {
        List<Line> lines = new ArrayList<>();
        for (ThroughputResults.Row r : now.rows()) {
            lines.add(new Line(r, baseline.rows().stream()
                    .filter(b -> b.model().equals(r.model()) && b.width() == r.width()).findFirst()));
        }
        return lines;
    }

    /** The comparison as text: a heading naming the baseline run, one line per network. */
    String table(ThroughputResults now) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "against %s (%s, %s, %d cores, %d training(s) at once)%n", baselineFile, baseline.measuredAt(),
                baseline.cpuModel(), baseline.logicalCores(), baseline.trainingsAtOnce()));
        if (baseline.trainingsAtOnce() != now.trainingsAtOnce()) {
            out.append(String.format(Locale.ROOT, "note: the baseline trained %d at once, this run %d; the rates are not like for like%n",
                    baseline.trainingsAtOnce(), now.trainingsAtOnce()));
        }
        out.append(String.format(Locale.ROOT, "%-26s %12s %12s %8s %10s %10s%n", "model", "images/s", "baseline", "ratio",
                "vs SGEMM", "baseline"));
        for (Line l : lines(now)) {
            ThroughputResults.Row r = l.now();
            out.append(String.format(Locale.ROOT, "%-26s %12.0f %12s %8s %9.1f%% %10s%n", r.model() + " x" + r.width(),
                    r.imagesPerSecond(),
                    l.before().map(b -> String.format(Locale.ROOT, "%.0f", b.imagesPerSecond())).orElse("-"),
                    l.before().isPresent() ? String.format(Locale.ROOT, "%.2fx", l.ratio()) : "-",
                    100 * r.shareOfSgemm(),
                    l.before().map(b -> String.format(Locale.ROOT, "%.1f%%", 100 * b.shareOfSgemm())).orElse("-")));
        }
        return out.toString();
    }
}
