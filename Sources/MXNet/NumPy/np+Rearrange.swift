/// NumPy functions built from the manipulation operators (no kernels of their own).
extension np {
    /// `a` rotated by 90° `k` times in the plane of `axes` (from the first axis towards the second).
    ///
    /// ```swift
    /// let r = try np.rot90(np.array([1, 2, 3, 4] as [Float], shape: [2, 2]))  // [[2, 4], [1, 3]]
    /// ```
    /// - Throws: ``MXNetError`` when `axes` are not two different axes of `a`.
    public static func rot90(_ a: NDArray, k: Int = 1, axes: [Int] = [0, 1]) throws -> NDArray {
        guard axes.count == 2, a.ndim >= 2 else { throw MXNetError("rot90: axes must be two axes of an array of rank ≥ 2") }
        let a0 = try Shape.axis(axes[0], ndim: a.ndim), a1 = try Shape.axis(axes[1], ndim: a.ndim)
        guard a0 != a1 else { throw MXNetError("rot90: axes must be different") }
        switch ((k % 4) + 4) % 4 {
        case 0: return a
        case 2: return try flip(a, axis: [a0, a1])
        case 1: return try swapaxes(flip(a, axis: [a1]), a0, a1)
        default: return try flip(swapaxes(a, a0, a1), axis: [a1])
        }
    }

    /// `a` with `axis` rolled back to position `start` (NumPy `rollaxis`).
    ///
    /// ```swift
    /// let r = try np.rollaxis(np.zeros([3, 4, 5]), axis: 2)  // shape (5, 3, 4)
    /// ```
    public static func rollaxis(_ a: NDArray, axis: Int, start: Int = 0) throws -> NDArray {
        let n = a.ndim
        let ax = try Shape.axis(axis, ndim: n)
        var s = start < 0 ? start + n : start
        guard s >= 0 && s <= n else { throw MXNetError("rollaxis: start \(start) is out of range for rank \(n)") }
        if ax < s { s -= 1 }
        if ax == s { return a }
        var order = Array(0..<n)
        order.remove(at: ax)
        order.insert(ax, at: s)
        return try transpose(a, axes: order)
    }

    /// The `n`-th discrete difference along `axis`: `a[1:] - a[:-1]`, repeated.
    ///
    /// ```swift
    /// let d = try np.diff(np.array([1, 4, 9, 16] as [Float]))  // [3, 5, 7]
    /// ```
    public static func diff(_ a: NDArray, n: Int = 1, axis: Int = -1) throws -> NDArray {
        guard n >= 0 else { throw MXNetError("diff: order must be non-negative, got \(n)") }
        let ax = try Shape.axis(axis, ndim: a.ndim)
        var x = a
        for _ in 0..<n {
            let len = x.shape[ax]
            if len == 0 { break }
            let tail = try split(x, indices: [1], axis: ax)[1]
            let head = try split(x, indices: [len - 1], axis: ax)[0]
            x = try subtract(tail, head)
        }
        return x
    }

    /// Splits along axis 1 (axis 0 for 1-d arrays) into `sections` equal pieces.
    public static func hsplit(_ a: NDArray, sections: Int) throws -> [NDArray] {
        guard a.ndim >= 1 else { throw MXNetError("hsplit only works on arrays of 1 or more dimensions") }
        return try split(a, sections: sections, axis: a.ndim == 1 ? 0 : 1)
    }

    /// Splits along axis 0 into `sections` equal pieces.
    public static func vsplit(_ a: NDArray, sections: Int) throws -> [NDArray] {
        guard a.ndim >= 2 else { throw MXNetError("vsplit only works on arrays of 2 or more dimensions") }
        return try split(a, sections: sections, axis: 0)
    }

    /// Splits along axis 2 into `sections` equal pieces.
    public static func dsplit(_ a: NDArray, sections: Int) throws -> [NDArray] {
        guard a.ndim >= 3 else { throw MXNetError("dsplit only works on arrays of 3 or more dimensions") }
        return try split(a, sections: sections, axis: 2)
    }

    /// `a` viewed with at least one dimension.
    public static func atleast1d(_ a: NDArray) throws -> NDArray { a.ndim >= 1 ? a : try reshape(a, [1]) }

    /// `a` viewed with at least two dimensions (a 1-d array becomes one row).
    public static func atleast2d(_ a: NDArray) throws -> NDArray {
        a.ndim >= 2 ? a : try reshape(a, [1, a.shape.first ?? 1])
    }

    /// `a` viewed with at least three dimensions (`(n,)` → `(1, n, 1)`, `(m, n)` → `(m, n, 1)`).
    public static func atleast3d(_ a: NDArray) throws -> NDArray {
        switch a.ndim {
        case 0: return try reshape(a, [1, 1, 1])
        case 1: return try reshape(a, [1, a.shape[0], 1])
        case 2: return try reshape(a, a.shape + [1])
        default: return a
        }
    }

    /// Weighted mean over `axis`: `sum(a * weights) / sum(weights)`; `weights` broadcast against `a`
    /// (a 1-d `weights` runs along the single `axis`).
    ///
    /// ```swift
    /// let m = try np.average(np.array([1, 2, 3] as [Float]), weights: np.array([3, 1, 0] as [Float]))  // 1.25
    /// ```
    public static func average(_ a: NDArray, axis: [Int]? = nil, weights: NDArray? = nil,
                               keepdims: Bool = false) throws -> NDArray {
        guard var w = weights else { return try mean(a, axis: axis, keepdims: keepdims) }
        if w.shape != a.shape && w.ndim == 1, let ax = axis, ax.count == 1 {
            let k = try Shape.axis(ax[0], ndim: a.ndim)
            var shape = [Int](repeating: 1, count: a.ndim)
            shape[k] = w.size
            w = try reshape(w, shape)
        }
        let num = try sum(multiply(a, w), axis: axis, keepdims: keepdims)
        let den = try sum(broadcastTo(w, a.shape), axis: axis, keepdims: keepdims)
        return try trueDivide(num, den)
    }
}
