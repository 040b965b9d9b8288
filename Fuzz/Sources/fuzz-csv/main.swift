import FuzzSupport
@_spi(Fuzzing) import GoalwallKit

// A metric CSV (§4): `CSVRecords` and `MetricTable.read` on any bytes.
runFuzzer { input in
    let (rows, columns, diagnostics) = Fuzzing.readMetricCSV(Array(input))
    // Every diagnostic points inside the file (lines and columns count from 1).
    precondition(diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
    precondition(rows >= 0 && columns >= 0)
    return 0
}
