package io.github.rethinkinggeneralization.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link Summary} as {@code reports/SUMMARY.md}: one line per claim first, details after. */
public final class SummaryMarkdown {
    static final String TITLE = "Reproduction summary: Zhang et al. (ICLR 2017), Understanding deep learning requires rethinking generalization";

    private SummaryMarkdown() {
    }

    public static String render(Summary s) {
        return render(s, false);
    }

    /** The summary; with {@code table1}, a link to {@code TABLE1.md} written beside it. */
    public static String render(Summary s, boolean table1) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(TITLE).append("\n\n");
        if (s.partial()) {
            b.append("> **⚠ PARTIAL RUN: this summary does not describe a complete run of the claim suite.**\n");
            s.partialReasons().forEach(r -> b.append("> - ").append(r).append('\n'));
            b.append('\n');
        }
        b.append("**Status: ").append(s.status()).append("** · profile `").append(s.profile()).append("` · data ")
                .append(String.join(", ", s.datasets())).append(" · generated ").append(s.generatedAt()).append("  \n");
        b.append("**Suite wall time:** ").append(SummaryBuilder.seconds(s.timing().suiteSeconds())).append(" (")
                .append(s.timing().suiteSecondsSource()).append(") · training behind the runs: ")
                .append(SummaryBuilder.seconds(s.timing().trainingSeconds())).append("  \n");
        b.append("**Machine:** fingerprint `").append(s.fingerprintId()).append("`: ").append(s.fingerprint().describe()).append("\n\n");
        if (s.baseline() != null) {
            BaselineComparison c = s.baseline();
            b.append("**Baseline** `").append(c.baselinePath()).append("`: ").append(baselineVerdict(c))
                    .append(" · see [Baseline comparison](#baseline-comparison)\n\n");
        }

        b.append("## Claims\n\n");
        b.append("A claim's verdict is the conjunction of its cases: any REFUTED → REFUTED, else any INCONCLUSIVE → INCONCLUSIVE,"
                + " else REPRODUCED; cases named `recorded: ...` are observations (a figure the paper shows for another network)"
                + " and stay outside it. Intervals are 95 % (Wilson over the test images, or the t-interval over seeds when wider);"
                + " paper figures are the paper's full-scale numbers (`fixtures/paper-reference.json`).\n\n");
        b.append("| claim | verdict | cases | key figures (95 % interval) | paper | profile · data · scale | run time |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (Summary.Claim c : s.claims()) {
            b.append("| **").append(c.id()).append("** ").append(cell(c.claim()))
                    .append(" | ").append(badge(c.verdict()))
                    .append(" | ").append(cell(caseCounts(c)))
                    .append(" | ").append(cell(c.headline().isEmpty() ? "—" : c.headline()))
                    .append(" | ").append(cell(c.paper() == null ? "—" : c.paper() + " (" + c.paperSource() + ")"))
                    .append(" | ").append(cell(scale(c)))
                    .append(" | ").append(cell(runTime(c))).append(" |\n");
        }
        b.append('\n');

        if (table1) {
            b.append("## Tables\n\n");
            b.append("[TABLE1.md](").append(SummaryReport.TABLE1_MD).append(") ([CSV](").append(SummaryReport.TABLE1_CSV)
                    .append(")): every row of the paper's Table 1 (CIFAR-10) and Table 2 (ImageNet, not run) beside the measured"
                            + " training and test accuracy, with the scale of each measurement.\n\n");
        }

        if (!s.figures().isEmpty()) {
            b.append("## Figures\n\n");
            for (String f : s.figures()) {
                b.append("![").append(f).append("](").append(f).append(")\n\n");
            }
        }

        if (!s.throughput().isEmpty()) {
            b.append("## Throughput\n\n");
            b.append("Training images per second over all runs of a model (wall time including per-epoch evaluation)."
                    + " The claim suite trains two runs at once by default (-Dclaims.parallel), so a run's rate is its"
                    + " share of the machine; compare it with a baseline run at the same setting.\n\n");
            boolean base = s.baseline() != null;
            b.append("| model | runs | images | wall time | images/s |").append(base ? " baseline images/s | ratio (this / baseline) |" : "")
                    .append('\n');
            b.append("|---|---|---|---|---|").append(base ? "---|---|" : "").append('\n');
            for (Summary.Throughput t : s.throughput()) {
                b.append("| ").append(cell(t.modelName())).append(" | ").append(t.runs()).append(" | ").append(t.images()).append(" | ")
                        .append(SummaryBuilder.seconds(t.wallSeconds())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.0f", t.imagesPerSecond())).append(" |");
                if (base) {
                    s.baseline().throughput().stream().filter(r -> r.model().equals(t.model()) && r.width() == t.width()).findFirst()
                            .ifPresentOrElse(r -> b.append(String.format(Locale.ROOT, " %.0f | %s |", r.baseline(), BaselineComparison.formatRatio(r))),
                                    () -> b.append(" — | — |"));
                }
                b.append('\n');
            }
            b.append('\n');
        }

        if (s.baseline() != null) {
            baseline(b, s.baseline());
        }

        b.append("## Claims in detail\n\n");
        for (Summary.Claim c : s.claims()) {
            b.append("### ").append(c.id()).append(": ").append(c.claim()).append(" — ").append(c.verdict()).append("\n\n");
            if (!c.note().isEmpty()) {
                b.append(c.note()).append(".\n\n");
            }
            if (!c.figures().isEmpty()) {
                b.append("| figure | measured | 95 % interval | paper | paper source |\n|---|---|---|---|---|\n");
                for (KeyFigure f : c.figures()) {
                    b.append("| ").append(cell(f.label())).append(" | ").append(f.formatValue()).append(" | ").append(f.formatInterval())
                            .append(" | ").append(f.formatPaper()).append(" | ").append(cell(f.paperSource() == null ? "" : f.paperSource()))
                            .append(" |\n");
                }
                b.append('\n');
            }
            if (!c.cases().isEmpty()) {
                b.append("| case | verdict | test | explanation | record |\n|---|---|---|---|---|\n");
                for (Summary.Case k : c.cases()) {
                    b.append("| ").append(cell(k.name())).append(" | ").append(k.verdict()).append(" | ")
                            .append(k.testStatus() == null ? "" : k.testStatus()).append(" | ").append(cell(k.explanation()))
                            .append(" | [json](claims/").append(k.record().replace(" ", "%20")).append(") |\n");
                }
                b.append('\n');
            }
            if (!c.failedWithoutVerdict().isEmpty()) {
                b.append("Failed before recording a verdict:\n\n");
                c.failedWithoutVerdict().forEach(f -> b.append("- ").append(f).append('\n'));
                b.append('\n');
            }
            if (!c.notRun().isEmpty()) {
                b.append("<details><summary>").append(c.notRun().size()).append(" case(s) not run at profile ").append(s.profile())
                        .append("</summary>\n\n");
                c.notRun().forEach(n -> b.append("- ").append(n).append('\n'));
                b.append("\n</details>\n\n");
            }
        }

        if (!s.notes().isEmpty()) {
            b.append("## Notes\n\n");
            s.notes().forEach(n -> b.append("- ").append(n).append('\n'));
            b.append('\n');
        }

        b.append("## Machine\n\n| property | value |\n|---|---|\n");
        for (Map.Entry<String, String> e : s.fingerprint().toProperties().entrySet()) {
            b.append("| ").append(e.getKey()).append(" | ").append(cell(e.getValue())).append(" |\n");
        }
        b.append("\nAllure report: [allure-report/index.html](allure-report/index.html) · machine-readable: [summary.json](summary.json)\n");
        return b.toString();
    }

    private static void baseline(StringBuilder b, BaselineComparison c) {
        b.append("## Baseline comparison\n\n");
        b.append("Baseline `").append(c.baselinePath()).append('`');
        if (c.baselineGeneratedAt() != null) {
            b.append(" (profile ").append(c.baselineProfile()).append(", generated ").append(c.baselineGeneratedAt())
                    .append(", fingerprint `").append(c.baselineFingerprintId()).append("`: ").append(c.baselineMachine()).append(')');
        }
        b.append(": ").append(baselineVerdict(c)).append(".\n\n");
        c.notes().forEach(n -> b.append("- ").append(n).append('\n'));
        if (!c.notes().isEmpty()) {
            b.append('\n');
        }
        List<BaselineComparison.FigureCheck> rows = new ArrayList<>(c.disagreements());
        c.figures().stream().filter(BaselineComparison.FigureCheck::agree).forEach(rows::add);
        if (!rows.isEmpty()) {
            b.append("| figure | this run | baseline | difference | allowed | agrees | rule |\n|---|---|---|---|---|---|---|\n");
            for (BaselineComparison.FigureCheck f : rows) {
                b.append("| ").append(cell(f.label())).append(" | ").append(KeyFigure.format(f.current(), f.unit())).append(" | ")
                        .append(KeyFigure.format(f.baseline(), f.unit())).append(" | ")
                        .append(String.format(Locale.ROOT, "%+.1f pt", 100 * f.difference())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f pt", 100 * f.allowed())).append(" | ")
                        .append(f.agree() ? "yes" : "**NO**").append(" | ").append(cell(f.rule())).append(" |\n");
            }
            b.append('\n');
        }
        if (!c.unmatched().isEmpty()) {
            b.append("<details><summary>").append(c.unmatched().size()).append(" figure(s) in only one summary</summary>\n\n");
            c.unmatched().forEach(u -> b.append("- ").append(u).append('\n'));
            b.append("\n</details>\n\n");
        }
    }

    /** "all 23 accuracies agree", "**1 of 23 accuracies disagree**" or why nothing was compared. */
    static String baselineVerdict(BaselineComparison c) {
        if (c.figures().isEmpty()) {
            return "**no accuracy could be compared**";
        }
        return c.agree() ? "all " + c.figures().size() + " accuracies agree"
                : "**" + c.disagreements().size() + " of " + c.figures().size() + " accuracies disagree**";
    }

    /** "10 reproduced, 13 not run at this profile". */
    static String caseCounts(Summary.Claim c) {
        List<String> parts = new ArrayList<>();
        if (c.reproduced() + c.refuted() + c.inconclusive() == 0 && c.notRun().isEmpty()) {
            return "no result";
        }
        parts.add(c.reproduced() + " reproduced");
        if (c.refuted() > 0) {
            parts.add(c.refuted() + " refuted");
        }
        if (c.inconclusive() > 0) {
            parts.add(c.inconclusive() + " inconclusive");
        }
        if (!c.notRun().isEmpty()) {
            parts.add(c.notRun().size() + " not run at this profile");
        }
        return String.join(", ", parts);
    }

    /** "ci · cifar10 · x1.0 width, 1000/1000 images" (at most four scales, then a count). */
    private static String scale(Summary.Claim c) {
        if (c.profiles().isEmpty()) {
            return "—";
        }
        List<String> scales = c.scales().size() <= 4 ? c.scales()
                : new ArrayList<>(c.scales().subList(0, 3));
        String more = c.scales().size() > 4 ? "; +" + (c.scales().size() - 3) + " more" : "";
        return String.join(", ", c.profiles()) + " · " + String.join(", ", c.datasets()) + " · " + String.join("; ", scales) + more;
    }

    private static String runTime(Summary.Claim c) {
        String tests = c.testSeconds() == null ? null : SummaryBuilder.seconds(c.testSeconds());
        String training = c.trainingSeconds() > 0 ? "training " + SummaryBuilder.seconds(c.trainingSeconds()) : null;
        if (tests == null) {
            return training == null ? "n/a" : training;
        }
        return training == null ? tests : tests + " (" + training + ")";
    }

    static String badge(String verdict) {
        return switch (verdict) {
            case "REPRODUCED" -> "✅ REPRODUCED";
            case "REFUTED" -> "❌ REFUTED";
            case "INCONCLUSIVE" -> "❔ INCONCLUSIVE";
            case Summary.NOT_RUN -> "⏭ NOT RUN at this profile";
            case Summary.MISSING -> "⚠ MISSING";
            default -> verdict;
        };
    }

    /** Text safe inside a Markdown table cell. */
    static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", "<br>").replace("<= ", "≤ ");
    }
}
