/// Array creation beyond `zeros`/`ones`/`full`: ranges, evenly spaced values and identity matrices.
/// Each is one registry operator with no inputs, so deferred compute records it as a graph node.
extension np {
    /// Values `0, 1, ..., stop - 1` (`_npi_arange`).
    ///
    /// ```swift
    /// let a = try np.arange(4)  // [0, 1, 2, 3] as float32
    /// ```
    /// - Throws: ``MXNetError`` for a non-finite bound.
    public static func arange(_ stop: Double, dtype: DType = .float32) throws -> NDArray {
        try Imperative.call(Ops.arange, [], RangeParams(start: 0, stop: stop, step: 1, dtype: dtype))
    }

    /// Values `start, start + step, ...` below `stop` (above it for a negative step) (`_npi_arange`).
    ///
    /// ```swift
    /// let a = try np.arange(1, 2, step: 0.25)  // [1, 1.25, 1.5, 1.75]
    /// ```
    /// - Throws: ``MXNetError`` when `step` is 0.
    public static func arange(_ start: Double, _ stop: Double, step: Double = 1, dtype: DType = .float32) throws -> NDArray {
        try Imperative.call(Ops.arange, [], RangeParams(start: start, stop: stop, step: step, dtype: dtype))
    }

    /// `num` evenly spaced values from `start` to `stop` (`stop` excluded when `endpoint` is false) (`_npi_linspace`).
    ///
    /// ```swift
    /// let a = try np.linspace(0, 1, num: 5)  // [0, 0.25, 0.5, 0.75, 1]
    /// ```
    /// - Throws: ``MXNetError`` for a negative `num`.
    public static func linspace(_ start: Double, _ stop: Double, num: Int = 50, endpoint: Bool = true,
                                dtype: DType = .float32) throws -> NDArray {
        try Imperative.call(Ops.linspace, [], LinspaceParams(start: start, stop: stop, num: num, endpoint: endpoint, dtype: dtype))
    }

    /// An `n x m` matrix (`m` defaults to `n`) with ones on diagonal `k` (`_npi_eye`).
    ///
    /// ```swift
    /// let e = try np.eye(2, 3, k: 1)  // [[0, 1, 0], [0, 0, 1]]
    /// ```
    /// - Throws: ``MXNetError`` for negative sizes.
    public static func eye(_ n: Int, _ m: Int? = nil, k: Int = 0, dtype: DType = .float32) throws -> NDArray {
        try Imperative.call(Ops.eye, [], EyeParams(n: n, m: m, k: k, dtype: dtype))
    }

    /// The `n x n` identity matrix (`_npi_identity`).
    ///
    /// ```swift
    /// let i = try np.identity(3)
    /// ```
    /// - Throws: ``MXNetError`` for a negative `n`.
    public static func identity(_ n: Int, dtype: DType = .float32) throws -> NDArray {
        try Imperative.call(Ops.identity, [], InitParams([n, n], dtype: dtype))
    }
}
