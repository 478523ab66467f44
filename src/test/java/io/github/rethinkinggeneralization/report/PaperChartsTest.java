package io.github.rethinkinggeneralization.report;

import static io.github.rethinkinggeneralization.report.ReportSamples.memorization;
import static io.github.rethinkinggeneralization.report.ReportSamples.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rethinkinggeneralization.claims.Verdict;
import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.model.Architecture;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaperChartsTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final PaperCharts charts = new PaperCharts(PaperFigures.read(Path.of("fixtures", "paper-reference.json")));

    private static void assertValidPng(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(bytes, 8)).as(file + " signature").isEqualTo(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as(file.toString()).isNotNull();
        assertThat(image.getWidth()).isEqualTo(PaperCharts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(PaperCharts.HEIGHT);
    }

    @Test
    void figuresOneABAndCAreValidPngsNamedForTheirModels(@TempDir Path dir) throws IOException {
        List<CaseRecord> records = List.of(
                record(memorization(Architecture.MLP_3X512, DataCondition.trueLabels(), Verdict.REPRODUCED, 0.998, 0.32)),
                record(memorization(Architecture.MLP_3X512, DataCondition.randomLabels(), Verdict.REPRODUCED, 0.994, 0.08)),
                record(ReportSamples.sweep(Architecture.MLP_3X512, new double[] {0.32, 0.28, 0.23, 0.2, 0.14, 0.08}, Verdict.REPRODUCED)));

        List<PaperCharts.ChartFile> files = charts.draw(records, dir);

        assertThat(files).extracting(PaperCharts.ChartFile::name).containsExactly("fig1a-training-loss-mlp-3x512.png",
                "fig1b-slowdown-vs-corruption.png", "fig1c-test-error-vs-corruption.png");
        for (PaperCharts.ChartFile f : files) {
            assertValidPng(f.file());
        }
        assertThat(files.get(0).cases()).hasSize(2);
        assertThat(files.get(2).cases()).extracting(PaperCharts.CaseRef::claimId).containsOnly("C2");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void withoutACorruptionSweepFigureOneBShowsStepsPerConditionAndStaleFiguresGo(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("fig1c-test-error-vs-corruption.png"), new byte[] {1, 2, 3});
        List<CaseRecord> records = List.of(
                record(memorization(Architecture.MLP_1X512, DataCondition.trueLabels(), Verdict.REPRODUCED, 0.99, 0.32)),
                record(memorization(Architecture.MLP_1X512, DataCondition.gaussian(), Verdict.REPRODUCED, 0.99, 0.1)));

        List<PaperCharts.ChartFile> files = charts.draw(records, dir);

        assertThat(files).extracting(PaperCharts.ChartFile::name)
                .containsExactly("fig1a-training-loss-mlp-1x512.png", "fig1b-steps-per-condition.png");
        assertValidPng(dir.resolve("fig1b-steps-per-condition.png"));
        assertThat(dir.resolve("fig1c-test-error-vs-corruption.png")).doesNotExist();
    }
}
