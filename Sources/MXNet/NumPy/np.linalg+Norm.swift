/// The `ord` of ``np/linalg/norm(_:ord:axis:keepdims:)``: a number (including ±∞), Frobenius or nuclear.
///
/// ```swift
/// let a: NormOrder = 1, b: NormOrder = .inf, c: NormOrder = .fro
/// ```
public enum NormOrder: Equatable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, Sendable {
    case p(Double)
    /// Frobenius norm (matrices).
    case fro
    /// Nuclear norm: the sum of singular values (matrices).
    case nuc

    public static let inf = NormOrder.p(.infinity)
    public static let negativeInf = NormOrder.p(-.infinity)
    public init(integerLiteral value: Int) { self = .p(Double(value)) }
    public init(floatLiteral value: Double) { self = .p(value) }
}

extension np.linalg {
    /// Matrix or vector norm, as NumPy's `linalg.norm`.
    ///
    /// With `axis` nil, a 1-d `x` gets a vector norm and a 2-d `x` a matrix norm (with `ord` nil, the 2-norm of
    /// all elements whatever the rank). One axis gives vector norms, two axes matrix norms.
    ///
    /// ```swift
    /// let m = try np.array([1, -2, 3, 4] as [Float], shape: [2, 2])
    /// let f = try np.linalg.norm(m)                // Frobenius: 5.477
    /// let one = try np.linalg.norm(m, ord: 1)      // max column sum: 6
    /// let rows = try np.linalg.norm(m, axis: [1])  // 2-norm of each row
    /// ```
    /// - Throws: ``MXNetError`` for an order that does not apply to vectors or matrices, or a rank that needs
    ///   `axis`.
    public static func norm(_ x: NDArray, ord: NormOrder? = nil, axis: [Int]? = nil,
                            keepdims: Bool = false) throws -> NDArray {
        func op(_ p: Double, _ axis: [Int]?, flag: Int) throws -> NDArray {
            try Imperative.call(Ops.npNorm, [x], NpNormParams(ord: p, axis: axis, keepdims: keepdims, flag: flag))
        }
        guard let ord else {
            return axis == nil ? try op(2, nil, flag: -2) : try op(2, axis, flag: 1)
        }
        var axes = axis
        if axes == nil {
            guard x.ndim == 1 || x.ndim == 2 else {
                throw MXNetError("norm: improper number of dimensions to norm (\(x.ndim)); give 'axis'")
            }
            axes = Array(0..<x.ndim)
        }
        let a = try axes!.map { try Shape.axis($0, ndim: x.ndim) }
        switch a.count {
        case 1:
            switch ord {
            case .p(.infinity): return try np.max(np.abs(x), axis: a, keepdims: keepdims)
            case .p(-.infinity): return try np.min(np.abs(x), axis: a, keepdims: keepdims)
            case .p(let p): return try op(p, a, flag: -1)
            case .fro, .nuc: throw MXNetError("norm: invalid norm order for vectors")
            }
        case 2:
            guard a[0] != a[1] else { throw MXNetError("norm: duplicate axes given") }
            let (row, col) = (a[0], a[1])
            switch ord {
            case .fro: return try op(2, a, flag: 1)
            case .nuc: return try op(2, a, flag: 2)
            case .p(2), .p(-2):
                if case .p(let p) = ord { return try op(p, a, flag: 0) }
                return try op(2, a, flag: 0)
            case .p(1), .p(-1):
                let sums = try np.sum(np.abs(x), axis: [row], keepdims: true)
                let pick = ord == .p(1) ? try np.max(sums, axis: [col], keepdims: true)
                                        : try np.min(sums, axis: [col], keepdims: true)
                return keepdims ? pick : try np.squeeze(pick, axis: [row, col])
            case .p(.infinity), .p(-.infinity):
                let sums = try np.sum(np.abs(x), axis: [col], keepdims: true)
                let pick = ord == .inf ? try np.max(sums, axis: [row], keepdims: true)
                                       : try np.min(sums, axis: [row], keepdims: true)
                return keepdims ? pick : try np.squeeze(pick, axis: [row, col])
            default:
                throw MXNetError("norm: invalid norm order for matrices")
            }
        default:
            throw MXNetError("norm: improper number of dimensions to norm")
        }
    }
}
