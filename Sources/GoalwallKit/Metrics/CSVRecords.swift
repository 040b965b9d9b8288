/// One cell of a CSV file as written, with where it starts.
struct CSVField {
    var text: String
    var line: Int
    var column: Int
}

/// One row of a CSV file: its fields and the line it starts on.
struct CSVRecord {
    var fields: [CSVField]
    var line: Int
    /// Where the record ends: the line and column just past its last character.
    var end: (line: Int, column: Int) = (1, 1)
}

/// Splits a CSV file into records by RFC 4180: quoted fields may hold commas, quotes
/// (doubled) and line breaks; LF or CRLF end a record; a UTF-8 byte-order mark is skipped;
/// a line with no characters at all is skipped (§4, §9). Spaces around a quoted field are
/// allowed. Columns count Unicode scalars from 1.
struct CSVRecords {
    let bytes: [UInt8]
    let path: String
    /// What separates cells: `,` (§4), or `;` or a tab (§11).
    let delimiter: UInt8

    init(bytes: [UInt8], path: String, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.bytes = bytes
        self.path = path
        self.delimiter = delimiter
    }

    /// §11 `delimiter: auto`: the one of `,` `;` and tab that occurs most often in the
    /// header line (the first line with characters) outside quotes; `,` on a tie or when
    /// none occurs.
    static func likelyDelimiter(in bytes: [UInt8]) -> UInt8 {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count, bytes[i] == 0x0A || (bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) {
            i += bytes[i] == 0x0D ? 2 : 1
        }
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
        var quoted = false
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if !quoted, b == 0x0A || (b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) {
                break
            } else if !quoted, counts[b] != nil {
                counts[b]! += 1
            }
            i += 1
        }
        let top = counts.values.max()!
        let winners = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09].filter { counts[$0] == top }
        return top == 0 || winners.count > 1 ? UInt8(ascii: ",") : winners[0]
    }

    /// Every record, or the first error that stops reading (the file is not usable past it).
    func read() -> Result<[CSVRecord], Diagnostic> {
        if let bad = CSVRecords.firstInvalidUTF8(in: bytes) {
            return .failure(.error("not valid UTF-8", at: location(ofByte: bad)))
        }
        var records: [CSVRecord] = []
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var column = 1
        let count = bytes.count

        // Blanks around a quoted field: spaces, and tabs unless tabs separate the cells.
        let delimiter = self.delimiter
        @inline(__always) func isBlank(_ b: UInt8) -> Bool { (b == 0x20 || b == 0x09) && b != delimiter }
        @inline(__always) func isLineEnd(_ at: Int) -> Bool {
            bytes[at] == 0x0A || (bytes[at] == 0x0D && at + 1 < count && bytes[at + 1] == 0x0A)
        }
        @inline(__always) func advance() {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        @inline(__always) func skipLineEnd() {
            i += bytes[i] == 0x0D ? 2 : 1
            line += 1
            column = 1
        }

        while i < count {
            if isLineEnd(i) {  // an empty line
                skipLineEnd()
                continue
            }
            var fields: [CSVField] = []
            let recordLine = line
            var recordEnd = (line, column)
            while true {
                let fieldLine = line
                let fieldColumn = column
                let fieldStart = i
                var j = i
                while j < count, isBlank(bytes[j]) { j += 1 }
                if j < count, bytes[j] == UInt8(ascii: "\"") {
                    while i < j { advance() }
                    let quoteLine = line
                    let quoteColumn = column
                    advance()
                    var value: [UInt8] = []
                    var closed = false
                    while i < count {
                        let b = bytes[i]
                        if b == UInt8(ascii: "\"") {
                            if i + 1 < count, bytes[i + 1] == UInt8(ascii: "\"") {
                                value.append(b)
                                advance()
                                advance()
                                continue
                            }
                            advance()
                            closed = true
                            break
                        }
                        if b == 0x0A {
                            value.append(b)
                            i += 1
                            line += 1
                            column = 1
                            continue
                        }
                        value.append(b)
                        advance()
                    }
                    if !closed {
                        return .failure(
                            .error(
                                "unterminated quoted field: the quote opened here is never closed",
                                at: SourceLocation(path: path, line: quoteLine, column: quoteColumn)))
                    }
                    while i < count, isBlank(bytes[i]) { advance() }
                    if i < count, bytes[i] != delimiter, !isLineEnd(i) {
                        return .failure(
                            .error(
                                "unexpected character after a closing quote (a field is either quoted as a whole or not at all)",
                                at: SourceLocation(path: path, line: line, column: column)))
                    }
                    fields.append(
                        CSVField(
                            text: String(decoding: value, as: UTF8.self), line: fieldLine,
                            column: fieldColumn))
                } else {
                    while i < count, bytes[i] != delimiter, !isLineEnd(i) { advance() }
                    fields.append(
                        CSVField(
                            text: String(decoding: bytes[fieldStart..<i], as: UTF8.self),
                            line: fieldLine, column: fieldColumn))
                }
                if i < count, bytes[i] == delimiter {
                    advance()
                    continue
                }
                recordEnd = (line, column)
                if i < count { skipLineEnd() }
                break
            }
            records.append(CSVRecord(fields: fields, line: recordLine, end: recordEnd))
            // The header and at most `Limits.csvRows` rows.
            if records.count > Limits.csvRows + 1 {
                return .failure(
                    .error(
                        "more than \(Limits.csvRows) rows: a metric CSV may have at most that many (split it, or roll it up by day)",
                        at: SourceLocation(path: path, line: recordLine)))
            }
        }
        return .success(records)
    }

    private func location(ofByte offset: Int) -> SourceLocation {
        var line = 1
        var column = 1
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < offset {
            if bytes[i] == 0x0A {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourceLocation(path: path, line: line, column: column)
    }

    /// The offset of the first byte that breaks UTF-8, or nil when the whole file is valid.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(b & 0x1F))
            case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(b & 0x0F))
            case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(b & 0x07))
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                return i
            }
            minimum = 0
            i += length
        }
        return nil
    }
}
