package io.github.rethinkinggeneralization.report;

import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code reports/TABLE1.md} and {@code TABLE1.csv} show: the paper's Table 1 rows with this
 * run's matching measurements, the measured runs that match no row, Table 2's rows (not run), and
 * notes on what was matched and left out; for the run's profile, marked when the run is partial.
 */
public record Table1Report(String profile, boolean partial, List<Table1Line> table1, List<Table1Line> measuredOnly,
                           List<Table1Line> table2, String table2NotRun, List<String> notes) {

    public Table1Report {
        table1 = List.copyOf(table1);
        measuredOnly = List.copyOf(measuredOnly);
        table2 = List.copyOf(table2);
        notes = List.copyOf(notes);
    }

    /** Every line in the order the files list them. */
    public List<Table1Line> lines() {
        return Stream.of(table1, measuredOnly, table2).flatMap(List::stream).toList();
    }
}
