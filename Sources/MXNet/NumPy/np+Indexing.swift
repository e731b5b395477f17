/// Index-taking functions; `x[...]` itself is ``NDArray/subscript(_:)``.
extension np {
    /// Elements of `a` at `indices` along `axis` (the flattened array when nil) (`_npi_take`).
    ///
    /// ```swift
    /// let t = try np.take(np.arange(6).reshaped([2, 3]), np.array([2, 0] as [Int32]), axis: 1)  // [[2, 0], [5, 3]]
    /// ```
    /// - Throws: ``MXNetError`` for a bad axis, or (mode `.raise`) an index outside `0 ..< size`.
    public static func take(_ a: NDArray, _ indices: NDArray, axis: Int? = nil, mode: TakeMode = .raise) throws -> NDArray {
        let source = axis == nil ? try reshape(a, [a.size]) : a
        return try Imperative.call(Ops.take, [source, indices], TakeParams(axis: axis ?? 0, mode: mode))
    }
}

extension np.random {
    /// Elements of the 1-d array `a` drawn at random (`_npi_choice` then `take`).
    ///
    /// ```swift
    /// let pick = try np.random.choice(np.array([10, 20, 30] as [Float]), size: [2], replace: false)
    /// ```
    /// - Throws: ``MXNetError`` when `a` is not 1-d or the draw is impossible.
    public static func choice(_ a: NDArray, size: [Int]? = nil, replace: Bool = true, p: NDArray? = nil) throws -> NDArray {
        guard a.ndim == 1 else { throw MXNetError("choice: a must be 1-dimensional, got shape \(Shape.text(a.shape))") }
        return try np.take(a, choice(a.size, size: size, replace: replace, p: p), axis: 0)
    }
}

extension npx {
    /// `data[begin:end:step]` per axis, any part nil (`slice`).
    ///
    /// ```swift
    /// let s = try npx.slice(x, begin: [nil, 1], end: [nil, nil], step: [nil, -1])
    /// ```
    /// - Throws: ``MXNetError`` for a zero step or more axes than `data` has.
    public static func slice(_ data: NDArray, begin: [Int?], end: [Int?], step: [Int?] = []) throws -> NDArray {
        try Imperative.call(Ops.slice, [data], SliceParams(begin: begin, end: end, step: step))
    }

    /// Gathers slices of `data` at the positions in `indices` (shape `(M, ...)`, addressing the first M axes;
    /// negative positions count from the end) (`gather_nd`).
    /// - Throws: ``MXNetError`` for out-of-range indices.
    public static func gatherND(_ data: NDArray, _ indices: NDArray) throws -> NDArray {
        try Imperative.call(Ops.gatherND, [data, indices])
    }

    /// Zeros of `shape` with `data`'s slices written at `indices` (`scatter_nd`).
    public static func scatterND(_ data: NDArray, _ indices: NDArray, shape: [Int]) throws -> NDArray {
        try Imperative.call(Ops.scatterND, [data, indices], ShapeParams(shape))
    }

    /// The rows of `data` along `axis` where the 1-d `index` is non-zero (`boolean_mask`; eager only, since
    /// the output length depends on the values).
    public static func booleanMask(_ data: NDArray, _ index: NDArray, axis: Int = 0) throws -> NDArray {
        try Imperative.call(Ops.booleanMask, [data, index], BooleanMaskParams(axis: axis))
    }
}
