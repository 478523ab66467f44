package io.github.rethinkinggeneralization.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A benchmark run against an earlier run's results file. */
class ThroughputComparisonTest {
    private static final ThroughputBenchmark.Schedule SCHEDULE = new ThroughputBenchmark.Schedule(3, 25, 9);

    private static ThroughputResults run(int atOnce, ThroughputResults.Row... rows) {
        return new ThroughputResults("2026-12-07T00:00:00Z", "Intel(R) Xeon(R) Processor", 2, "backend CpuBackend", atOnce,
                2 / atOnce, SCHEDULE, List.of(rows));
    }

    private static ThroughputResults.Row row(String model, double width, double imagesPerSecond, double share) {
        return new ThroughputResults.Row(model, width, imagesPerSecond, 20.48, imagesPerSecond * 20.48 / 1000, 110, 100, 120, share, 12);
    }

    @Test
    void putsEachNetworkBesideTheSameNetworkOfTheBaseline(@TempDir Path dir) {
        Path file = run(2, row("small-inception", 0.125, 1200, 0.21), row("small-alexnet", 0.25, 6000, 0.7)).write(dir);
        ThroughputResults now = run(2, row("small-inception", 0.125, 1800, 0.32), row("small-inception", 0.25, 1000, 0.49),
                row("mlp-1x512", 1.0, 15000, 1.0));

        ThroughputComparison comparison = ThroughputComparison.against(file);
        List<ThroughputComparison.Line> lines = comparison.lines(now);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).before()).map(ThroughputResults.Row::imagesPerSecond).contains(1200.0);
        assertThat(lines.get(0).ratio()).isEqualTo(1.5);
        assertThat(lines.get(1).before()).as("another width is another network").isEmpty();
        assertThat(lines.get(1).ratio()).isNaN();
        assertThat(lines.get(2).before()).isEmpty();
        String table = comparison.table(now);
        assertThat(table).contains(file.toString()).contains("1.50x").contains("21.0%").contains("32.0%")
                .doesNotContain("not like for like");
    }

    @Test
    void saysWhenTheBaselineTrainedADifferentNumberAtOnce(@TempDir Path dir) {
        Path file = run(1, row("small-inception", 0.125, 1200, 0.21)).write(dir);

        assertThat(ThroughputComparison.against(file).table(run(2, row("small-inception", 0.125, 1650, 0.32))))
                .contains("the baseline trained 1 at once, this run 2");
    }

    @Test
    void aMissingOrForeignFileIsNamedWithTheFix(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> ThroughputComparison.against(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist")
                .hasMessageContaining("reports/benchmark/");

        Path truncated = Files.writeString(dir.resolve("truncated.json"), "{\"measuredAt\": \"2026-12-07T00:00:00Z\", \"rows\": [");
        assertThatThrownBy(() -> ThroughputComparison.against(truncated)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(truncated.toString()).hasMessageContaining("not a benchmark results file");

        Path noRows = Files.writeString(dir.resolve("fingerprint.json"), "{\"cpuModel\": \"Intel\"}");
        assertThatThrownBy(() -> ThroughputComparison.against(noRows)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(noRows.toString()).hasMessageContaining("not a benchmark results file");

        Path summary = Files.writeString(dir.resolve("summary.json"), "{\"schema\": 3, \"rows\": []}");
        assertThatThrownBy(() -> ThroughputComparison.against(summary)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(summary.toString());
    }
}
