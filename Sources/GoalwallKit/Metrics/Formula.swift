/// A computed metric's expression (§10): decimal numbers, column names, `+ - * /`, unary
/// minus and parentheses. Unary minus binds tighter than `* /`, which bind tighter than
/// `+ -`, each left to right. First-contact resolution: `100 * resolved_first / resolved`.
public indirect enum Formula: Hashable, Sendable {
    case number(Double)
    case column(String)
    case negate(Formula)
    case binary(Operator, Formula, Formula)

    public enum Operator: Character, Hashable, Sendable {
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "/"
    }

    /// The columns it names, each once, in the order written.
    public var columns: [String] {
        var seen: Set<String> = []
        var names: [String] = []
        func visit(_ formula: Formula) {
            switch formula {
            case .number: break
            case .column(let name): if seen.insert(name).inserted { names.append(name) }
            case .negate(let inner): visit(inner)
            case .binary(_, let a, let b):
                visit(a)
                visit(b)
            }
        }
        visit(self)
        return names
    }

    /// Its value for one period's column values; nil when a column has no value, on a
    /// division by zero, or when any step leaves Double's range.
    public func value(_ columns: (String) -> Double?) -> Double? {
        let result: Double?
        switch self {
        case .number(let number): result = number
        case .column(let name): result = columns(name)
        case .negate(let inner): result = inner.value(columns).map { -$0 }
        case .binary(let op, let a, let b):
            guard let x = a.value(columns), let y = b.value(columns) else { return nil }
            switch op {
            case .add: result = x + y
            case .subtract: result = x - y
            case .multiply: result = x * y
            case .divide: result = y == 0 ? nil : x / y
            }
        }
        guard let result, result.isFinite else { return nil }
        return result
    }

    /// The deepest nesting a formula may have: no help-desk ratio needs more, and the
    /// parser and evaluator recurse.
    static let maximumDepth = 64

    /// Reads an expression; the error says what is wrong, in words.
    public static func parse(_ text: String) -> Result<Formula, FormulaError> {
        var parser = Parser(tokens: [], index: 0)
        switch tokens(of: text) {
        case .failure(let error): return .failure(error)
        case .success(let tokens): parser.tokens = tokens
        }
        guard !parser.tokens.isEmpty else { return .failure(FormulaError("the formula is empty")) }
        do {
            let formula = try parser.sum(depth: 0)
            if parser.index < parser.tokens.count {
                throw FormulaError("unexpected \(parser.tokens[parser.index].shown) after a complete expression")
            }
            return .success(formula)
        } catch let error as FormulaError {
            return .failure(error)
        } catch {
            return .failure(FormulaError("\(error)"))
        }
    }

    enum Token: Equatable {
        case number(Double)
        case name(String)
        case symbol(Character)

        var shown: String {
            switch self {
            case .number(let n): "number \(DisplayFormat.plain(n))"
            case .name(let name): "column '\(name)'"
            case .symbol(let c): "'\(c)'"
            }
        }
    }

    /// Numbers (decimals as in §4, without a sign), names (`[A-Za-z_][A-Za-z0-9_]*`, or
    /// anything but a backquote inside backquotes) and `+ - * / ( )`; spaces, tabs and line
    /// breaks between them.
    static func tokens(of text: String) -> Result<[Token], FormulaError> {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
        func isNameStart(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) || s == "_" }
        while i < scalars.count {
            let s = scalars[i]
            if s == " " || s == "\t" || s == "\n" || s == "\r" {
                i += 1
            } else if "+-*/()".unicodeScalars.contains(s) {
                tokens.append(.symbol(Character(s)))
                i += 1
            } else if isDigit(s) || s == "." {
                let start = i
                while i < scalars.count, isDigit(scalars[i]) || scalars[i] == "." { i += 1 }
                if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
                    var j = i + 1
                    if j < scalars.count, scalars[j] == "+" || scalars[j] == "-" { j += 1 }
                    if j < scalars.count, isDigit(scalars[j]) {
                        i = j
                        while i < scalars.count, isDigit(scalars[i]) { i += 1 }
                    }
                }
                let written = String(String.UnicodeScalarView(scalars[start..<i]))
                if i < scalars.count, isNameStart(scalars[i]) || scalars[i] == "." || isDigit(scalars[i]) {
                    return .failure(
                        FormulaError("'\(excerpt(written + String(scalars[i])))' is neither a number nor a column name")
                    )
                }
                guard let number = parseDecimal(written) else {
                    return .failure(FormulaError("'\(excerpt(written))' is not a number"))
                }
                tokens.append(.number(number))
            } else if isNameStart(s) {
                let start = i
                while i < scalars.count, isNameStart(scalars[i]) || isDigit(scalars[i]) { i += 1 }
                tokens.append(.name(String(String.UnicodeScalarView(scalars[start..<i]))))
            } else if s == "`" {
                guard let close = scalars[(i + 1)...].firstIndex(of: "`") else {
                    return .failure(FormulaError("a column name opened with ` is never closed"))
                }
                let name = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
                guard !name.isEmpty else { return .failure(FormulaError("`` names no column")) }
                tokens.append(.name(name))
                i = close + 1
            } else {
                return .failure(
                    FormulaError(
                        "'\(Character(s))' cannot be in a formula (numbers, column names, + - * / and parentheses; a name with other characters goes in backquotes)"
                    ))
            }
        }
        return .success(tokens)
    }

    /// Recursive descent over the tokens.
    private struct Parser {
        var tokens: [Token]
        var index: Int

        mutating func sum(depth: Int) throws -> Formula {
            var left = try product(depth: depth)
            while index < tokens.count, case .symbol(let c) = tokens[index], c == "+" || c == "-" {
                index += 1
                left = .binary(c == "+" ? .add : .subtract, left, try product(depth: depth))
            }
            return left
        }

        mutating func product(depth: Int) throws -> Formula {
            var left = try unary(depth: depth)
            while index < tokens.count, case .symbol(let c) = tokens[index], c == "*" || c == "/" {
                index += 1
                left = .binary(c == "*" ? .multiply : .divide, left, try unary(depth: depth))
            }
            return left
        }

        mutating func unary(depth: Int) throws -> Formula {
            guard depth < Formula.maximumDepth else {
                throw FormulaError("the formula nests more than \(Formula.maximumDepth) deep")
            }
            guard index < tokens.count else { throw FormulaError("the formula ends where a value should come") }
            let token = tokens[index]
            index += 1
            switch token {
            case .number(let n): return .number(n)
            case .name(let name): return .column(name)
            case .symbol("-"): return .negate(try unary(depth: depth + 1))
            case .symbol("("):
                let inner = try sum(depth: depth + 1)
                guard index < tokens.count, tokens[index] == .symbol(")") else {
                    throw FormulaError("a '(' is never closed")
                }
                index += 1
                return inner
            case .symbol(let c):
                throw FormulaError("'\(c)' where a number, a column or '(' should come")
            }
        }
    }
}

/// What is wrong with a formula, in words.
public struct FormulaError: Error, Equatable, Sendable {
    public var message: String
    init(_ message: String) { self.message = message }
}
