/// An array seen as `(outer, length, inner)` around one axis (or a block of adjacent axes): normalisations and
/// softmaxes reduce along `length`, whose elements sit `inner` apart.
///
/// ```swift
/// let v = AxisView(shape: [2, 3, 4], axis: 1)   // outer 2, length 3, inner 4
/// let start = v.base(5)                          // row 5 = (outer 1, inner 1) starts at element 13
/// ```
struct AxisView {
    let outer: Int
    let length: Int
    let inner: Int

    init(outer: Int, length: Int, inner: Int) {
        self.outer = outer; self.length = length; self.inner = inner
    }

    /// Splits `shape` at `axis` (already normalised); a 0-d shape is one row of length 1.
    init(shape: [Int], axis: Int) {
        if shape.isEmpty { self.init(outer: 1, length: 1, inner: 1); return }
        self.init(outer: Shape.count(Array(shape[..<axis])), length: shape[axis],
                  inner: Shape.count(Array(shape[(axis + 1)...])))
    }

    /// Number of rows (one per `(outer, inner)` pair).
    var rows: Int { outer * inner }
    var count: Int { outer * length * inner }

    /// Offset of the first element of row `r` (`r = o * inner + i`).
    @inline(__always) func base(_ r: Int) -> Int { (r / inner) * length * inner + r % inner }
}

/// Per-channel affine parameters of a row normalisation: row `r`'s element `l` uses `gamma[index(r, l)]`.
///
/// `index = (r % rowModulus) * rowScale + l / lengthDivisor` covers layer norm (`l`), instance norm (`r % C`),
/// and group norm with per-group (`r % G`) or per-channel (`g * C/G + l / S`) parameters.
struct AffineIndex {
    let rowModulus: Int
    let rowScale: Int
    let lengthDivisor: Int

    /// One parameter per element along the row (layer norm).
    static let alongRow = AffineIndex(rowModulus: 1, rowScale: 0, lengthDivisor: 1)
    /// One parameter per row, cycling with period `period` (instance norm, per-group group norm).
    static func perRow(period: Int) -> AffineIndex {
        AffineIndex(rowModulus: max(period, 1), rowScale: 1, lengthDivisor: Int.max)
    }

    @inline(__always) func callAsFunction(_ r: Int, _ l: Int) -> Int { (r % rowModulus) * rowScale + l / lengthDivisor }
}
