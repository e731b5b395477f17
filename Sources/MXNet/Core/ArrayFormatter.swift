import Foundation

/// NumPy's `repr` of an array (NumPy 1.23 `array2string` with default print options: line width 75,
/// threshold 1000, 3 edge items, precision 8, `floatmode="maxprec"`), with MXNet's dtype suffix rule:
/// float32 and bool show no dtype, every other dtype does.
///
/// ```swift
/// print(try np.array([1, 2, 3, 4] as [Float], shape: [2, 2]))
/// // array([[1., 2.],
/// //        [3., 4.]])
/// ```
struct ArrayFormatter {
    static let lineWidth = 75
    static let threshold = 1000
    static let edgeItems = 3
    static let precision = 8

    let shape: [Int]
    let dtype: DType
    let tensor: TensorRef

    /// `repr(mx.np.array(...))`.
    func repr() -> String {
        let prefix = "array("
        // NumPy leaves out the dtype for float64, int64 and bool when the array is not empty.
        let implied = (dtype == .float64 || dtype == .int64 || dtype == .bool) && tensor.count > 0
        let suffix = implied ? ")" : ","
        let body: String
        if tensor.count > 0 || shape == [0] {
            body = tensor.count == 0 ? "[]" : format(separator: ", ", prefix: prefix, width: Self.lineWidth - suffix.count)
        } else {
            body = "[], shape=" + Shape.text(shape)
        }
        var s = prefix + body + suffix
        if !implied {
            let dtypeText = "dtype=" + dtype.name + ")"
            let lastLine = s.count - ((s.lastIndex(of: "\n").map { s.distance(from: s.startIndex, to: $0) + 1 }) ?? 0)
            s += (lastLine + dtypeText.count + 1 > Self.lineWidth ? "\n" + String(repeating: " ", count: prefix.count) : " ")
                + dtypeText
        }
        // MXNet: drop NumPy's `dtype=float32`; add one for dtypes NumPy implies (float64, int64).
        if s.contains("dtype=") {
            if dtype == .float32, let comma = s.lastIndex(of: ",") { s = String(s[..<comma]) + ")" }
        } else if dtype != .float32 && dtype != .bool {
            s = String(s.dropLast()) + ", dtype=" + dtype.name + ")"
        }
        return s
    }

    // MARK: - array2string

    /// Per-axis positions shown: all, or the edge items when the array is summarised.
    private func shownPositions(summarise: Bool) -> [[Int]] {
        shape.map { n in
            summarise && n > 2 * Self.edgeItems ? Array(0..<Self.edgeItems) + Array((n - Self.edgeItems)..<n) : Array(0..<n)
        }
    }

    private func format(separator: String, prefix: String, width: Int) -> String {
        let summarise = tensor.count > Self.threshold
        // The element format is chosen from the shown elements only, as NumPy does.
        let shown = shownPositions(summarise: summarise)
        var flat: [Int] = []
        let strides = Shape.strides(shape)
        func collect(_ axis: Int, _ offset: Int) {
            if axis == shape.count { flat.append(offset); return }
            for i in shown[axis] { collect(axis + 1, offset + i * strides[axis]) }
        }
        collect(0, 0)
        let element = elementFormat(flat)
        let nextLinePrefix = " " + String(repeating: " ", count: prefix.count)

        func recurse(_ index: [Int], _ offset: Int, hanging: String, width: Int) -> String {
            let axis = index.count, left = shape.count - axis
            if left == 0 { return element(offset) }
            let nextHanging = hanging + " ", nextWidth = width - 1
            let n = shape[axis]
            let summary = summarise && 2 * Self.edgeItems < n
            let (leading, trailing) = summary ? (Self.edgeItems, Self.edgeItems) : (0, n)
            func child(_ i: Int) -> String {
                recurse(index + [i], offset + i * strides[axis], hanging: nextHanging, width: nextWidth)
            }
            var s = ""
            if left == 1 {
                let elementWidth = width - max(separator.trimmingTrailingSpaces.count, 1)
                var line = hanging
                for i in 0..<leading {
                    extend(&s, &line, child(i), elementWidth, hanging)
                    line += separator
                }
                if summary {
                    extend(&s, &line, "...", elementWidth, hanging)
                    line += separator
                }
                for i in stride(from: trailing, to: 1, by: -1) {
                    extend(&s, &line, child(n - i), elementWidth, hanging)
                    line += separator
                }
                extend(&s, &line, child(n - 1), elementWidth, hanging)
                s += line
            } else {
                let lineSeparator = separator.trimmingTrailingSpaces + String(repeating: "\n", count: left - 1)
                for i in 0..<leading { s += hanging + child(i) + lineSeparator }
                if summary { s += hanging + "..." + lineSeparator }
                for i in stride(from: trailing, to: 1, by: -1) { s += hanging + child(n - i) + lineSeparator }
                s += hanging + child(n - 1)
            }
            return "[" + s.dropFirst(hanging.count) + "]"
        }
        return recurse([], 0, hanging: nextLinePrefix, width: width)
    }

    /// NumPy's `_extendLine`: wraps before `word` when the line would grow past `width`.
    private func extend(_ s: inout String, _ line: inout String, _ word: String, _ width: Int, _ prefix: String) {
        if line.count + word.count > width && line.count > prefix.count {
            s += line.trimmingTrailingSpaces + "\n"
            line = prefix
        }
        line += word
    }

    // MARK: - Element formats

    /// The formatter for elements at flat offsets, fitted to the shown elements `sample`.
    private func elementFormat(_ sample: [Int]) -> (Int) -> String {
        switch dtype {
        case .bool:
            let t = tensor.pointer(Bool.self), isScalar = shape.isEmpty
            return { t[$0] ? (isScalar ? "True" : " True") : "False" }
        case .float32, .bfloat16:
            return FloatFormat<Float>(tensor, sample).format
        case .float64:
            return FloatFormat<Double>(tensor, sample).format
        case .float16:
            return FloatFormat<Float16>(tensor, sample).format
        case .uint64:
            let p = tensor.pointer(UInt64.self)
            let width = sample.map { String(p[$0]).count }.max() ?? 0
            return { String(p[$0]).leftPadded(to: width) }
        default:
            let t = tensor
            let value = { (i: Int) -> Int64 in withElementType(t.dtype) { $0.load(t.data, i).int64Value } }
            let values = sample.map(value)
            let width = max(String(values.max() ?? 0).count, String(values.min() ?? 0).count)
            return { String(value($0)).leftPadded(to: width) }
        }
    }
}

/// NumPy's `FloatingFormat` in `maxprec` mode for one float type.
private struct FloatFormat<T: BinaryFloatingPoint & LosslessStringConvertible> {
    let value: (Int) -> T
    var scientific = false
    var padLeft = 0, padRight = 0, precision = ArrayFormatter.precision, exponentDigits = -1

    init(_ t: TensorRef, _ sample: [Int]) {
        if t.dtype == .bfloat16 {
            let p = t.pointer(BFloat16.self)
            value = { T(Float(p[$0])) }
        } else {
            let p = t.pointer(T.self)
            value = { p[$0] }
        }
        let finite = sample.map(value).filter { $0.isFinite }
        let magnitudes = finite.filter { $0 != 0 }.map { $0.magnitude }
        if let maxValue = magnitudes.max(), let minValue = magnitudes.min() {
            // The ratio is computed in the element type, as NumPy does.
            scientific = Double(maxValue) >= 1e8 || Double(minValue) < 0.0001 || Double(maxValue / minValue) > 1000
        }
        if finite.isEmpty {
            padLeft = 0; padRight = 0
        } else if scientific {
            let parts = finite.map { FloatDigits.scientific($0, maxFraction: ArrayFormatter.precision) }
            precision = parts.map(\.fraction.count).max() ?? 0
            exponentDigits = parts.map(\.exponent.count).max().map { $0 - 1 } ?? 0
            padLeft = parts.map(\.integer.count).max() ?? 0
            padRight = exponentDigits + 2 + precision
        } else {
            let parts = finite.map { FloatDigits.positional($0, maxFraction: ArrayFormatter.precision) }
            padLeft = parts.map(\.integer.count).max() ?? 0
            padRight = parts.map(\.fraction.count).max() ?? 0
        }
        if finite.count != sample.count {
            let negativeInfinity = sample.map(value).contains { $0.isInfinite && $0 < 0 }
            let offset = padRight + 1
            padLeft = max(padLeft, 3 - offset, 3 + (negativeInfinity ? 1 : 0) - offset)
        }
    }

    func format(_ i: Int) -> String {
        let x = value(i)
        if !x.isFinite {
            let text = x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf")
            return text.leftPadded(to: padLeft + padRight + 1)
        }
        if scientific {
            let p = FloatDigits.scientific(x, fraction: precision)
            var exponent = p.exponent
            if let sign = p.exponent.first, sign == "-" || sign == "+" {
                exponent = String(sign) + String(p.exponent.dropFirst()).leftPadded(to: max(exponentDigits, 2), with: "0")
            }
            return p.integer.leftPadded(to: padLeft) + "." + p.fraction + "e" + exponent
        }
        let p = FloatDigits.positional(x, maxFraction: ArrayFormatter.precision)
        return p.integer.leftPadded(to: padLeft) + "." + p.fraction.rightPadded(to: padRight)
    }
}

/// Decimal digits of floats: the shortest round-trip form (Swift's `description`, the same digits NumPy's
/// Dragon4 prints in unique mode), or the exact value rounded to a number of digits (`printf`).
enum FloatDigits {
    typealias Parts = (integer: String, fraction: String, exponent: String)

    /// Sign, significant digits and decimal exponent `e` with value = 0.d1d2... × 10^e, from the shortest form.
    static func shortest<T: BinaryFloatingPoint & LosslessStringConvertible>(_ x: T) -> (negative: Bool, digits: [Character], exponent: Int) {
        var text = x.description
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        var mantissa = Substring(text), exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        let point = mantissa.firstIndex(of: ".")
        let intDigits = point.map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        var digits = Array(mantissa.filter { $0 != "." })
        var e = intDigits + exp
        while let f = digits.first, f == "0" { digits.removeFirst(); e -= 1 }
        while let l = digits.last, l == "0" { digits.removeLast() }
        if digits.isEmpty { e = 1 }
        return (negative, digits, e)
    }

    /// Positional digits: the shortest form, or the exact value rounded to `maxFraction` places when the
    /// shortest needs more; trailing zeros dropped.
    static func positional<T: BinaryFloatingPoint & LosslessStringConvertible>(_ x: T, maxFraction: Int) -> Parts {
        let s = shortest(x)
        let fractionCount = max(0, s.digits.count - s.exponent)
        let sign = s.negative ? "-" : ""
        if fractionCount > maxFraction {
            var text = String(format: "%.\(maxFraction)f", Double(x))
            if text.hasPrefix("-") { text.removeFirst() }
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            var fraction = parts.count > 1 ? String(parts[1]) : ""
            while fraction.last == "0" { fraction.removeLast() }
            return (sign + parts[0], fraction, "")
        }
        let integer = s.exponent > 0
            ? String(s.digits.prefix(s.exponent)) + String(repeating: "0", count: max(0, s.exponent - s.digits.count))
            : "0"
        let fraction = s.exponent >= 0
            ? String(s.digits.dropFirst(s.exponent))
            : String(repeating: "0", count: -s.exponent) + String(s.digits)
        return (sign + integer, fraction, "")
    }

    /// Scientific digits: the shortest form, or the exact value rounded to `maxFraction` places; trailing zeros
    /// dropped. The exponent keeps its sign (`+05`).
    static func scientific<T: BinaryFloatingPoint & LosslessStringConvertible>(_ x: T, maxFraction: Int) -> Parts {
        let s = shortest(x)
        if s.digits.count - 1 > maxFraction {
            var p = scientific(x, fraction: maxFraction)
            while p.fraction.last == "0" { p.fraction.removeLast() }
            return p
        }
        let digits = s.digits.isEmpty ? ["0"] : s.digits
        let e = s.digits.isEmpty ? 0 : s.exponent - 1
        let exponent = (e < 0 ? "-" : "+") + String(abs(e)).leftPadded(to: 2, with: "0")
        return ((s.negative ? "-" : "") + String(digits[0]), String(digits.dropFirst()), exponent)
    }

    /// The exact value rounded to `fraction` places in scientific form.
    static func scientific<T: BinaryFloatingPoint>(_ x: T, fraction: Int) -> Parts {
        let text = String(format: "%.\(fraction)e", Double(x))
        let e = text.firstIndex(of: "e")!
        let mantissa = text[..<e], exponent = String(text[text.index(after: e)...])
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "", exponent)
    }
}

private extension String {
    func leftPadded(to width: Int, with pad: Character = " ") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
    func rightPadded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

extension NDArray: CustomStringConvertible, CustomDebugStringConvertible {
    /// NumPy-style `repr`, as MXNet's `np.ndarray` prints: `array([[1., 2.],\n       [3., 4.]])`, with
    /// `dtype=...` for dtypes other than float32 and bool, and `...` summaries past 1000 elements.
    /// A pending array is computed first; if that fails the error is shown instead.
    public var description: String {
        do {
            return ArrayFormatter(shape: shape, dtype: dtype, tensor: try tensor()).repr()
        } catch {
            return "array(<error: \(error)>)"
        }
    }

    public var debugDescription: String { description }
}
