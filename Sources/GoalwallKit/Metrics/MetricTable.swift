/// A metric CSV as loaded (§4): named value columns over dated rows, sorted by instant with
/// ties in file order. Values are kept by column; nil is a missing value, never zero.
public struct MetricTable: Sendable {
    /// FILE in `metric: FILE.COLUMN`: the path under content/metrics without `.csv`.
    public let name: String
    /// The file, relative to the site.
    public let path: String
    /// Value column names, header order (the date column excluded).
    public let columns: [String]
    /// Row dates, sorted by instant, ties in file order.
    let dates: [RowDate]
    /// cells[column][row], rows in the order of `dates`; a missing value is NaN, which no
    /// cell reads as (§4 numbers are decimals), so a year of daily rows for 10,000 goals
    /// takes 29 MB instead of twice that as optionals.
    private let cells: [[Double]]
    /// The file could not be read as a CSV at all (its error says why): a goal naming it
    /// gets no error of its own.
    var isUnreadable = false

    init(name: String, path: String, columns: [String], dates: [RowDate], values: [[Double?]]) {
        self.init(name: name, path: path, columns: columns, dates: dates, cells: values.map { $0.map { $0 ?? .nan } })
    }

    private init(name: String, path: String, columns: [String], dates: [RowDate], cells: [[Double]]) {
        self.name = name
        self.path = path
        self.columns = columns
        self.dates = dates
        self.cells = cells
    }

    /// The value in a column's row; nil when it is missing.
    func value(column: Int, row: Int) -> Double? {
        let value = cells[column][row]
        return value.isNaN ? nil : value
    }

    /// Header names match exactly, scalar by scalar (§9: case-sensitive; no Unicode folding).
    public func column(named name: String) -> Int? {
        columns.firstIndex { $0.unicodeScalars.elementsEqual(name.unicodeScalars) }
    }

    /// Reads a CSV and reports every bad cell; rows with a bad date or the wrong number of
    /// cells are left out, bad numbers become missing values. `dialect` is the file's §11
    /// dialect, nil when goalwall.yml has no `csv` key (§4 exactly, with durations).
    static func read(bytes: [UInt8], name: String, path: String, dialect: CSVDialect? = nil) -> (
        MetricTable, Diagnostics
    ) {
        var diagnostics = Diagnostics()
        var empty = MetricTable(name: name, path: path, columns: [], dates: [], values: [])
        empty.isUnreadable = true
        let start = SourceLocation(path: path)
        if bytes.isEmpty {
            diagnostics.error("empty file: a metric CSV needs a header row", at: start)
            return (empty, diagnostics)
        }
        let records: [CSVRecord]
        let delimiter =
            switch dialect?.delimiter {
            case nil, .comma: UInt8(ascii: ",")
            case .semicolon: UInt8(ascii: ";")
            case .tab: UInt8(0x09)
            case .auto: CSVRecords.likelyDelimiter(in: bytes)
            }
        let cells = Cells(dialect: dialect)
        switch CSVRecords(bytes: bytes, path: path, delimiter: delimiter).read() {
        case .success(let read): records = read
        case .failure(let error):
            diagnostics.append(error)
            return (empty, diagnostics)
        }
        guard let header = records.first else {
            diagnostics.error("no header row: the first row names the date column and each series", at: start)
            return (empty, diagnostics)
        }
        var columns: [String] = []
        var seen: Set<[Unicode.Scalar]> = [Array(header.fields[0].text.trimmingBlanks.unicodeScalars)]
        for field in header.fields.dropFirst() {
            let name = String(field.text.trimmingBlanks)
            let at = SourceLocation(path: path, line: field.line, column: field.column)
            if name.isEmpty {
                diagnostics.error("empty column name in the header", at: at)
            } else if !seen.insert(Array(name.unicodeScalars)).inserted {
                diagnostics.error("duplicate column name '\(name)' in the header", at: at)
            }
            columns.append(name)
        }
        if columns.isEmpty {
            diagnostics.warning("no value columns: the header names only the date column", at: start)
        }

        var rows: [(date: RowDate, values: [Double?])] = []
        rows.reserveCapacity(records.count - 1)
        // A file of a million bad cells gets its first errors listed and a count of the rest.
        var rowErrors = ErrorBudget(path: path)
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                // Too many: where the first extra cell starts; too few: the end of the row, where
                // the missing cell would go.
                let extra = record.fields.count > header.fields.count ? record.fields[header.fields.count] : nil
                let at = SourceLocation(
                    path: path, line: extra?.line ?? record.end.line, column: extra?.column ?? record.end.column)
                rowErrors.error(
                    "row has \(record.fields.count) cells, the header has \(header.fields.count)", at: at,
                    into: &diagnostics)
                continue
            }
            let dateField = record.fields[0]
            let dateText = dateField.text.trimmingBlanks
            let dateAt = SourceLocation(path: path, line: dateField.line, column: dateField.column)
            guard !dateText.isEmpty else {
                rowErrors.error("empty date cell", at: dateAt, into: &diagnostics)
                continue
            }
            let date: RowDate
            switch cells.date(dateText) {
            case .success(let read): date = read
            case .failure(let failure):
                rowErrors.error("bad date '\(excerpt(dateText))': \(failure.reason)", at: dateAt, into: &diagnostics)
                continue
            }
            var values: [Double?] = []
            values.reserveCapacity(columns.count)
            for field in record.fields.dropFirst() {
                switch cells.value(field.text) {
                case .missing: values.append(nil)
                case .number(let value): values.append(value)
                case .bad(let message):
                    values.append(nil)
                    rowErrors.error(
                        message, at: SourceLocation(path: path, line: field.line, column: field.column),
                        into: &diagnostics)
                }
            }
            rows.append((date, values))
        }
        rowErrors.summarize(into: &diagnostics)
        // A stable sort by instant: equal instants keep file order (§9).
        let order = rows.indices.sorted {
            let a = rows[$0].date.instant
            let b = rows[$1].date.instant
            return a < b || (a == b && $0 < $1)
        }
        let dates = order.map { rows[$0].date }
        let byColumn = columns.indices.map { c in order.map { rows[$0].values[c] ?? .nan } }
        return (
            MetricTable(name: name, path: path, columns: columns, dates: dates, cells: byColumn),
            diagnostics
        )
    }
}

/// Lists the first errors of one file and counts the rest (issue: "8 million bad cells
/// print 8 million lines"): the summary stands where the first unlisted error is.
struct ErrorBudget {
    static let listed = 1000

    let path: String
    private var count = 0
    private var firstUnlisted: SourceLocation?

    init(path: String) { self.path = path }

    mutating func error(_ message: String, at location: SourceLocation, into diagnostics: inout Diagnostics) {
        count += 1
        if count <= Self.listed {
            diagnostics.error(message, at: location)
        } else if firstUnlisted == nil {
            firstUnlisted = location
        }
    }

    func summarize(into diagnostics: inout Diagnostics) {
        guard let firstUnlisted else { return }
        let more = count - Self.listed
        diagnostics.error(
            "\(more) more error\(more == 1 ? "" : "s") in this file from here on (only the first \(Self.listed) are listed)",
            at: firstUnlisted)
    }
}
