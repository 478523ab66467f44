package io.github.rethinkinggeneralization.report;

/**
 * One line of {@code reports/TABLE1.md} and {@code TABLE1.csv}: a row of the paper's Table 1 or
 * Table 2, or a measured run that has no row there, beside what this run measured (null when it
 * measured nothing for it). A regularizer or paper figure is null where the table has no such
 * column or the transcription does not give it; Table 2's accuracies are top-1 unless named top-5.
 */
public record Table1Line(String table, String model, Boolean randomCrop, Boolean weightDecay, Boolean dropout,
                         Boolean dataAugmentation, String condition, Double paperTrain, Double paperTest, Double paperTestTop5,
                         String paperSource, Status status, String profile, MeasuredAccuracy measured, String note) {

    /** The paper's CIFAR-10 table. */
    public static final String TABLE_1 = "Table 1";
    /** The paper's ImageNet table. */
    public static final String TABLE_2 = "Table 2";
    /** Measured runs with no row in either table. */
    public static final String MEASURED_ONLY = "measured only";

    /** Whether and why a line has measured figures. */
    public enum Status {
        MEASURED("measured"),
        NOT_RUN_AT_PROFILE("not run at this profile"),
        NOT_RUN("not run"),
        NOT_IN_TABLE_1("not in Table 1");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }
}
