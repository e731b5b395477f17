/// MXNet 2.0's `mx.np`: NumPy-compatible functions on ``NDArray``.
///
/// Names keep NumPy's spelling on purpose (`np.true_divide` is `np.trueDivide` only where Swift requires
/// lowerCamelCase); every function forwards to one registry operator or composes a few.
///
/// ```swift
/// let a = try np.arange(6).reshaped([2, 3])
/// let s = try np.sum(np.multiply(a, a), axis: [1])
/// ```
public enum np {
    /// π
    public static let pi = Double.pi
    /// Euler's number.
    public static let e = 2.718281828459045
    public static let inf = Double.infinity
    public static let nan = Double.nan

    /// An array from Swift values, checked against `shape`.
    ///
    /// ```swift
    /// let a = try np.array([1, 2, 3, 4] as [Float], shape: [2, 2])
    /// ```
    /// - Throws: ``MXNetError`` when the count does not fill the shape.
    public static func array<T: Element>(_ values: [T], shape: [Int]? = nil, dtype: DType? = nil) throws -> NDArray {
        let shape = shape ?? [values.count]
        guard !shape.contains(where: { $0 < 0 }), Shape.count(shape) == values.count else {
            throw MXNetError("array: \(values.count) values do not fill shape \(Shape.text(shape))")
        }
        let a = NDArray(values, shape: shape)
        guard let dtype, dtype != a.dtype else { return a }
        return try astype(a, dtype)
    }

    /// An array of doubles stored as `dtype` (float32 by default, as MXNet's default dtype).
    public static func array(_ values: [Double], shape: [Int]? = nil, dtype: DType = .float32) throws -> NDArray {
        let a = try array(values, shape: shape, dtype: nil)
        return dtype == .float64 ? a : try astype(a, dtype)
    }

    /// A copy of `a` as `dtype`.
    public static func astype(_ a: NDArray, _ dtype: DType) throws -> NDArray {
        try Imperative.call(Ops.cast, [a], CastParams(dtype))
    }

    /// A copy of `a`.
    public static func copy(_ a: NDArray) throws -> NDArray { try Imperative.call(Ops.cast, [a], CastParams(a.dtype)) }

    // MARK: Creation

    static func checkShape(_ shape: [Int], _ op: String) throws {
        guard !shape.contains(where: { $0 < 0 }) else {
            throw MXNetError("\(op): negative dimensions are not allowed, got \(Shape.text(shape))")
        }
    }

    /// Zeros of `shape` (the `_npi_zeros` operator, so deferred compute records it).
    ///
    /// ```swift
    /// let z = try np.zeros([2, 3], dtype: .int32)
    /// ```
    /// - Throws: ``MXNetError`` for a negative dimension.
    public static func zeros(_ shape: [Int], dtype: DType = .float32) throws -> NDArray {
        try Imperative.call(Ops.zeros, [], InitParams(shape, dtype: dtype))
    }

    /// Ones of `shape` (`_npi_ones`).
    public static func ones(_ shape: [Int], dtype: DType = .float32) throws -> NDArray {
        try Imperative.call(Ops.ones, [], InitParams(shape, dtype: dtype))
    }

    /// `shape` filled with `value` converted to `dtype` (`_npi_full`).
    public static func full(_ shape: [Int], _ value: Double, dtype: DType = .float32) throws -> NDArray {
        try Imperative.call(Ops.full, [], FullParams(shape, value: value, dtype: dtype))
    }

    /// An uninitialised array (zero-filled here, so reads are deterministic).
    public static func empty(_ shape: [Int], dtype: DType = .float32) throws -> NDArray { try zeros(shape, dtype: dtype) }

    public static func zerosLike(_ a: NDArray) throws -> NDArray { try Imperative.call(Ops.zerosLike, [a]) }
    public static func onesLike(_ a: NDArray) throws -> NDArray { try Imperative.call(Ops.onesLike, [a]) }
    public static func fullLike(_ a: NDArray, _ value: Double, dtype: DType? = nil) throws -> NDArray {
        try Imperative.call(Ops.fullLike, [a], FillParams(value, dtype: dtype))
    }
    public static func emptyLike(_ a: NDArray) throws -> NDArray { try zerosLike(a) }

    // MARK: Shape

    /// `a` with a new shape (one entry may be -1).
    public static func reshape(_ a: NDArray, _ newshape: [Int]) throws -> NDArray {
        try Imperative.call(Ops.reshape, [a], NewShapeParams(newshape))
    }

    /// `a` broadcast to `shape`.
    public static func broadcastTo(_ a: NDArray, _ shape: [Int]) throws -> NDArray {
        try Imperative.call(Ops.broadcastTo, [a], ShapeParams(shape))
    }

    // MARK: Reductions

    /// Sum over `axis` (all axes when nil).
    public static func sum(_ a: NDArray, axis: [Int]? = nil, dtype: DType? = nil, keepdims: Bool = false) throws -> NDArray {
        try Imperative.call(Ops.sum, [a], ReduceParams(axis: axis, keepdims: keepdims, dtype: dtype))
    }
}

extension NDArray {
    /// `np.reshape(self, shape)`.
    public func reshaped(_ shape: [Int]) throws -> NDArray { try np.reshape(self, shape) }
    /// `np.astype(self, dtype)`.
    public func astype(_ dtype: DType) throws -> NDArray { try np.astype(self, dtype) }
}
