extension DType {
    /// The result dtype of a binary arithmetic op on arrays of dtypes `a` and `b`, as MXNet's `np` promotes:
    /// a float beats any integer (keeping its own width), two floats give the wider, two integers give the wider,
    /// `uint8` with a signed integer gives `int32` (or `int64`), and `bool` defers to the other side.
    ///
    /// ```swift
    /// DType.promote(.int32, .float16)  // float16
    /// DType.promote(.uint8, .int8)     // int32
    /// ```
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        if a == .bool { return b }
        if b == .bool { return a }
        if a.isFloatingPoint || b.isFloatingPoint {
            if a.isFloatingPoint && b.isFloatingPoint { return floatRank(a) >= floatRank(b) ? a : b }
            return a.isFloatingPoint ? a : b
        }
        if a.isUnsignedInteger != b.isUnsignedInteger {
            let size = max(a.size, b.size, 4)
            return size == 8 ? .int64 : .int32
        }
        return a.size >= b.size ? a : b
    }

    /// The dtype of a float-valued result (division, `sqrt`, `mean`) computed from `self`:
    /// floats keep their type, integers and bool give `float32` (MXNet's default float).
    public var floatResult: DType { isFloatingPoint ? self : .float32 }

    private static func floatRank(_ d: DType) -> Int {
        switch d {
        case .float64: return 3
        case .float32: return 2
        case .bfloat16: return 1
        default: return 0
        }
    }
}
