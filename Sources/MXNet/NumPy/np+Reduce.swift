/// Reductions: one forward per registry operator (see `Ops+Reduce.swift`, `Ops+Statistics.swift`).
extension np {
    /// Mean over `axis` (all axes when nil); integers give float32.
    ///
    /// ```swift
    /// let m = try np.mean(np.array([1, 2, 3, 4] as [Float], shape: [2, 2]), axis: [0])  // [2, 3]
    /// ```
    public static func mean(_ a: NDArray, axis: [Int]? = nil, dtype: DType? = nil, keepdims: Bool = false) throws -> NDArray {
        try Imperative.call(Ops.mean, [a], ReduceParams(axis: axis, keepdims: keepdims, dtype: dtype))
    }

    /// Product over `axis` (all axes when nil).
    ///
    /// ```swift
    /// let p = try np.prod(np.array([1, 2, 3] as [Float]))  // 6
    /// ```
    public static func prod(_ a: NDArray, axis: [Int]? = nil, dtype: DType? = nil, keepdims: Bool = false) throws -> NDArray {
        try Imperative.call(Ops.prod, [a], ReduceParams(axis: axis, keepdims: keepdims, dtype: dtype))
    }

    /// Maximum over `axis` (all axes when nil); NaN propagates.
    ///
    /// ```swift
    /// let m = try np.max(np.array([1, 5, 3] as [Float]))  // 5
    /// ```
    /// - Throws: ``MXNetError`` when reducing an empty axis.
    public static func max(_ a: NDArray, axis: [Int]? = nil, keepdims: Bool = false) throws -> NDArray {
        try Imperative.call(Ops.amax, [a], ReduceParams(axis: axis, keepdims: keepdims))
    }

    /// Same as ``max(_:axis:keepdims:)``.
    public static func amax(_ a: NDArray, axis: [Int]? = nil, keepdims: Bool = false) throws -> NDArray {
        try max(a, axis: axis, keepdims: keepdims)
    }

    /// Minimum over `axis` (all axes when nil); NaN propagates.
    ///
    /// ```swift
    /// let m = try np.min(np.array([1, 5, 3] as [Float]))  // 1
    /// ```
    /// - Throws: ``MXNetError`` when reducing an empty axis.
    public static func min(_ a: NDArray, axis: [Int]? = nil, keepdims: Bool = false) throws -> NDArray {
        try Imperative.call(Ops.amin, [a], ReduceParams(axis: axis, keepdims: keepdims))
    }

    /// Same as ``min(_:axis:keepdims:)``.
    public static func amin(_ a: NDArray, axis: [Int]? = nil, keepdims: Bool = false) throws -> NDArray {
        try min(a, axis: axis, keepdims: keepdims)
    }

    /// Whether every element over `axis` is nonzero (bool).
    ///
    /// ```swift
    /// let t = try np.all(np.array([1, 0] as [Float]))  // false
    /// ```
    public static func all(_ a: NDArray, axis: [Int]? = nil, keepdims: Bool = false) throws -> NDArray {
        try Imperative.call(Ops.all, [a], ReduceParams(axis: axis, keepdims: keepdims))
    }

    /// Whether some element over `axis` is nonzero (bool).
    ///
    /// ```swift
    /// let t = try np.any(np.array([1, 0] as [Float]))  // true
    /// ```
    public static func any(_ a: NDArray, axis: [Int]? = nil, keepdims: Bool = false) throws -> NDArray {
        try Imperative.call(Ops.any, [a], ReduceParams(axis: axis, keepdims: keepdims))
    }

    /// Index of the maximum along `axis` (of the flattened array when nil), as int64; the first wins.
    ///
    /// ```swift
    /// let i = try np.argmax(np.array([1, 5, 5] as [Float]))  // 1
    /// ```
    public static func argmax(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) throws -> NDArray {
        try Imperative.call(Ops.argmax, [a], ArgReduceParams(axis: axis, keepdims: keepdims))
    }

    /// Index of the minimum along `axis` (of the flattened array when nil), as int64; the first wins.
    ///
    /// ```swift
    /// let i = try np.argmin(np.array([3, 1, 1] as [Float]))  // 1
    /// ```
    public static func argmin(_ a: NDArray, axis: Int? = nil, keepdims: Bool = false) throws -> NDArray {
        try Imperative.call(Ops.argmin, [a], ArgReduceParams(axis: axis, keepdims: keepdims))
    }

    /// Standard deviation over `axis` with divisor `n - ddof`.
    ///
    /// ```swift
    /// let s = try np.std(np.array([1, 2, 3, 4] as [Float]), ddof: 1)  // 1.2909944
    /// ```
    public static func std(_ a: NDArray, axis: [Int]? = nil, dtype: DType? = nil, ddof: Int = 0,
                           keepdims: Bool = false) throws -> NDArray {
        try Imperative.call(Ops.std, [a], MomentParams(axis: axis, dtype: dtype, ddof: ddof, keepdims: keepdims))
    }

    /// Variance over `axis` with divisor `n - ddof`.
    ///
    /// ```swift
    /// let v = try np.var(np.array([1, 2, 3, 4] as [Float]))  // 1.25
    /// ```
    public static func `var`(_ a: NDArray, axis: [Int]? = nil, dtype: DType? = nil, ddof: Int = 0,
                             keepdims: Bool = false) throws -> NDArray {
        try Imperative.call(Ops.variance, [a], MomentParams(axis: axis, dtype: dtype, ddof: ddof, keepdims: keepdims))
    }

    /// Running sum along `axis` (of the flattened array when nil); bool gives int64.
    ///
    /// ```swift
    /// let c = try np.cumsum(np.array([1, 2, 3] as [Float]))  // [1, 3, 6]
    /// ```
    public static func cumsum(_ a: NDArray, axis: Int? = nil, dtype: DType? = nil) throws -> NDArray {
        try Imperative.call(Ops.cumsum, [a], CumsumParams(axis: axis, dtype: dtype))
    }
}

extension NDArray {
    /// `np.sum(self, axis:keepdims:)`.
    public func sum(axis: [Int]? = nil, keepdims: Bool = false) throws -> NDArray {
        try np.sum(self, axis: axis, keepdims: keepdims)
    }
    /// `np.mean(self, axis:keepdims:)`.
    public func mean(axis: [Int]? = nil, keepdims: Bool = false) throws -> NDArray {
        try np.mean(self, axis: axis, keepdims: keepdims)
    }
}
