/// Shape helpers shared by shape inference, kernels and the executor.
///
/// ```swift
/// Shape.broadcast([2, 1, 3], [4, 1])  // [2, 4, 3]
/// ```
public enum Shape {
    /// Number of elements (1 for a 0-d shape).
    @inlinable public static func count(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape { n &*= d }
        return n
    }

    /// Whether an array of `shape` has a byte size that can be computed for any dtype: the product of its
    /// non-zero dimensions times 16 does not overflow `Int` (a shape with a 0 dimension still has to pass, so that
    /// strides and partial products stay in range). Negative (unknown) dimensions count by their magnitude.
    public static func isAllocatable(_ shape: [Int]) -> Bool {
        var n = 16
        for d in shape where d != 0 {
            guard d != Int.min else { return false }
            let (m, overflow) = n.multipliedReportingOverflow(by: Swift.abs(d))
            if overflow { return false }
            n = m
        }
        return true
    }

    /// `a * b` for sizes computed from attributes, throwing instead of overflowing.
    /// - Throws: ``MXNetError`` saying that `what` is too large.
    public static func multiply(_ a: Int, _ b: Int, _ what: @autoclosure () -> String) throws -> Int {
        let (m, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { throw MXNetError("\(what()) is too large") }
        return m
    }

    /// `a + b` for sizes computed from attributes, throwing instead of overflowing.
    /// - Throws: ``MXNetError`` saying that `what` is too large.
    public static func add(_ a: Int, _ b: Int, _ what: @autoclosure () -> String) throws -> Int {
        let (m, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw MXNetError("\(what()) is too large") }
        return m
    }

    /// Row-major (C order) strides in elements.
    @inlinable public static func strides(_ shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            s[i] = acc
            acc &*= shape[i]
        }
        return s
    }

    /// NumPy broadcasting of two shapes, or nil when they are incompatible.
    public static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        if a == b { return a }
        let n = max(a.count, b.count)
        var out = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let da = i < n - a.count ? 1 : a[i - (n - a.count)]
            let db = i < n - b.count ? 1 : b[i - (n - b.count)]
            if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else { return nil }
        }
        return out
    }

    /// Normalises a possibly negative `axis` against `ndim`.
    /// - Throws: ``MXNetError`` when the axis is out of range (the operator adds its name).
    public static func axis(_ axis: Int, ndim: Int, argument: String = "axis") throws -> Int {
        let a = axis < 0 ? axis + ndim : axis
        guard a >= 0 && a < ndim else {
            throw MXNetError("\(argument) \(axis) is out of bounds for array of dimension \(ndim)")
        }
        return a
    }

    /// Printable form `(2, 3)`, `(3,)`, `()`.
    public static func text(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
