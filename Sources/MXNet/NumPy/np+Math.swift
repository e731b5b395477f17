/// Elementwise math: one forward per registry operator (see `Ops+Unary.swift`).
extension np {
    public static func negative(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.negative, [x]) }
    public static func absolute(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.absolute, [x]) }
    public static func sign(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.sign, [x]) }
    public static func square(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.square, [x]) }
    public static func reciprocal(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.reciprocal, [x]) }
    public static func exp(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.exp, [x]) }
    public static func expm1(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.expm1, [x]) }
    public static func log(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.log, [x]) }
    public static func log2(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.log2, [x]) }
    public static func log10(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.log10, [x]) }
    public static func log1p(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.log1p, [x]) }
    public static func sqrt(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.sqrt, [x]) }
    public static func rsqrt(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.rsqrt, [x]) }
    public static func cbrt(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.cbrt, [x]) }
    public static func rcbrt(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.rcbrt, [x]) }
    public static func sin(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.sin, [x]) }
    public static func cos(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.cos, [x]) }
    public static func tan(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.tan, [x]) }
    public static func arcsin(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.arcsin, [x]) }
    public static func arccos(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.arccos, [x]) }
    public static func arctan(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.arctan, [x]) }
    public static func sinh(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.sinh, [x]) }
    public static func cosh(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.cosh, [x]) }
    public static func tanh(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.tanh, [x]) }
    public static func arcsinh(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.arcsinh, [x]) }
    public static func arccosh(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.arccosh, [x]) }
    public static func arctanh(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.arctanh, [x]) }
    public static func degrees(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.degrees, [x]) }
    public static func radians(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.radians, [x]) }
    public static func floor(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.floor, [x]) }
    public static func ceil(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.ceil, [x]) }
    public static func trunc(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.trunc, [x]) }
    public static func fix(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.fix, [x]) }
    public static func rint(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.rint, [x]) }
    public static func relu(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.relu, [x]) }
    public static func sigmoid(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.sigmoid, [x]) }
    public static func softsign(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.softsign, [x]) }
    public static func erf(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.erf, [x]) }
    public static func erfinv(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.erfinv, [x]) }
    public static func gamma(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.gamma, [x]) }
    public static func gammaln(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.gammaln, [x]) }
    public static func bitwiseNot(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.bitwiseNot, [x]) }
    public static func isnan(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.isnan, [x]) }
    public static func isinf(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.isinf, [x]) }
    public static func isposinf(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.isposinf, [x]) }
    public static func isneginf(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.isneginf, [x]) }
    public static func isfinite(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.isfinite, [x]) }
    public static func logicalNot(_ x: NDArray) throws -> NDArray { try Imperative.call(Ops.logicalNot, [x]) }
    /// Same as ``absolute(_:)``.
    public static func abs(_ x: NDArray) throws -> NDArray { try absolute(x) }
    /// Round half to even at `decimals` places (NumPy `round` / `around`).
    public static func round(_ x: NDArray, decimals: Int = 0) throws -> NDArray {
        try Imperative.call(Ops.around, [x], AroundParams(decimals: decimals))
    }
    public static func around(_ x: NDArray, decimals: Int = 0) throws -> NDArray { try round(x, decimals: decimals) }
    public static func invert(_ x: NDArray) throws -> NDArray { try bitwiseNot(x) }
}
