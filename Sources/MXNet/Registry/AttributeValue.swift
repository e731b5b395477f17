/// Parsers and printers for MXNet's attribute strings: `"(3, 3)"`, `"(3,)"`, `"True"`, `"None"`, `"1e-05"`.
///
/// ```swift
/// try AttributeValue.parseInts("(3, 3)")   // [3, 3]
/// AttributeValue.format([3])              // "(3,)"
/// ```
public enum AttributeValue {
    static func strip(_ s: String) -> Substring {
        var t = Substring(s)
        while let f = t.first, f == " " || f == "'" || f == "\"" { t = t.dropFirst() }
        while let l = t.last, l == " " || l == "'" || l == "\"" { t = t.dropLast() }
        return t
    }

    public static func isNone(_ s: String) -> Bool {
        let t = strip(s)
        return t == "None" || t == "none" || t.isEmpty
    }

    public static func parseInt(_ s: String) throws -> Int {
        var t = strip(s)
        if t.hasSuffix("L") { t = t.dropLast() }
        if let v = Int(t) { return v }
        if let d = Double(t), d == d.rounded(), abs(d) < 9e15 { return Int(d) }
        throw MXNetError("expected an integer, got '\(s)'")
    }

    public static func parseDouble(_ s: String) throws -> Double {
        let t = strip(s)
        switch t {
        case "inf", "Inf", "infinity": return .infinity
        case "-inf", "-Inf", "-infinity": return -.infinity
        case "nan", "NaN": return .nan
        default:
            guard let v = Double(t) else { throw MXNetError("expected a number, got '\(s)'") }
            return v
        }
    }

    public static func parseBool(_ s: String) throws -> Bool {
        switch strip(s) {
        case "True", "true", "1": return true
        case "False", "false", "0": return false
        default: throw MXNetError("expected True or False, got '\(s)'")
        }
    }

    /// Parses a tuple of optional integers: `"(None, 2)"`, `"[1, -1]"`, `"3"`, `"()"`.
    public static func parseOptionalInts(_ s: String) throws -> [Int?] {
        var t = strip(s)
        if let f = t.first, f == "(" || f == "[" {
            guard let l = t.last, l == (f == "(" ? ")" : "]") else { throw MXNetError("expected a tuple, got '\(s)'") }
            t = t.dropFirst().dropLast()
        }
        var out: [Int?] = []
        for part in t.split(separator: ",", omittingEmptySubsequences: false) {
            let p = part.trimmingSpaces
            if p.isEmpty { continue }
            if p == "None" { out.append(nil); continue }
            guard let v = try? parseInt(String(p)) else { throw MXNetError("expected a tuple of integers, got '\(s)'") }
            out.append(v)
        }
        return out
    }

    public static func parseInts(_ s: String) throws -> [Int] {
        let v = try parseOptionalInts(s)
        guard !v.contains(where: { $0 == nil }) else { throw MXNetError("expected a tuple of integers, got '\(s)'") }
        return v.map { $0! }
    }

    public static func parseDoubles(_ s: String) throws -> [Double] {
        var t = strip(s)
        if let f = t.first, f == "(" || f == "[" { t = t.dropFirst().dropLast() }
        return try t.split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }.map {
            try parseDouble(String($0))
        }
    }

    public static func format(_ b: Bool) -> String { b ? "True" : "False" }
    public static func format(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        if v == v.rounded() && abs(v) < 1e16 { return String(format1: v) }
        return "\(v)"
    }
    public static func format(_ ints: [Int]) -> String {
        ints.count == 1 ? "(\(ints[0]),)" : "(" + ints.map(String.init).joined(separator: ", ") + ")"
    }
    public static func format(_ ints: [Int?]) -> String {
        let parts = ints.map { $0.map(String.init) ?? "None" }
        return parts.count == 1 ? "(\(parts[0]),)" : "(" + parts.joined(separator: ", ") + ")"
    }
}

private extension String {
    /// `1.0` for whole doubles, as Python prints them.
    init(format1 v: Double) { self = "\(Int64(v)).0" }
}

extension Substring {
    var trimmingSpaces: Substring {
        var t = self
        while let f = t.first, f == " " { t = t.dropFirst() }
        while let l = t.last, l == " " { t = t.dropLast() }
        return t
    }
}
