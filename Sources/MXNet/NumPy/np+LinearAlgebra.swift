/// Products of arrays: `dot`, `matmul`, `tensordot`, `einsum`, `outer`, `inner`, `vdot`.
extension np {
    /// NumPy `dot`: matrix product for 2-d arrays, inner product for 1-d, scaling for 0-d, and for N-d a sum over
    /// the last axis of `a` and the second-to-last of `b`.
    ///
    /// ```swift
    /// let c = try np.dot(np.ones([2, 3]), np.ones([3, 4]))  // shape (2, 4), all 3
    /// ```
    /// - Throws: ``MXNetError`` when the summed axes differ in size.
    public static func dot(_ a: NDArray, _ b: NDArray) throws -> NDArray { try Imperative.call(Ops.npDot, [a, b]) }

    /// NumPy `matmul`: matrix product over the last two axes with broadcast batch axes; 1-d operands act as
    /// row/column vectors.
    ///
    /// ```swift
    /// let c = try np.matmul(np.ones([5, 2, 3]), np.ones([3, 4]))  // shape (5, 2, 4)
    /// ```
    /// - Throws: ``MXNetError`` for 0-d operands or mismatched sizes.
    public static func matmul(_ a: NDArray, _ b: NDArray) throws -> NDArray { try Imperative.call(Ops.matmul, [a, b]) }

    /// Sum of products over the last `axes` axes of `a` and the first `axes` of `b`.
    ///
    /// ```swift
    /// let c = try np.tensordot(np.ones([2, 3, 4]), np.ones([3, 4, 5]), axes: 2)  // shape (2, 5)
    /// ```
    public static func tensordot(_ a: NDArray, _ b: NDArray, axes: Int = 2) throws -> NDArray {
        try Imperative.call(Ops.tensordotIntAxes, [a, b], TensordotIntParams(axes: axes))
    }

    /// Sum of products over the paired axes `axes.0` of `a` and `axes.1` of `b`.
    ///
    /// ```swift
    /// let c = try np.tensordot(np.ones([2, 3, 4]), np.ones([4, 3, 5]), axes: ([1, 2], [1, 0]))  // shape (2, 5)
    /// ```
    public static func tensordot(_ a: NDArray, _ b: NDArray, axes: ([Int], [Int])) throws -> NDArray {
        try Imperative.call(Ops.tensordot, [a, b], TensordotParams(a: axes.0, b: axes.1))
    }

    /// Einstein summation over `operands` as NumPy's `einsum` spells it (`"ij,jk->ik"`, `"...ij,...jk"`, `"ii->i"`).
    ///
    /// ```swift
    /// let c = try np.einsum("ij,jk->ik", a, b)
    /// ```
    /// - Throws: ``MXNetError`` for malformed subscripts or mismatched sizes.
    public static func einsum(_ subscripts: String, _ operands: NDArray...) throws -> NDArray {
        try einsum(subscripts, operands)
    }

    /// ``einsum(_:_:)-(String,NDArray...)`` with the operands in an array.
    public static func einsum(_ subscripts: String, _ operands: [NDArray]) throws -> NDArray {
        try Imperative.call(Ops.einsum, operands, EinsumParams(subscripts, numArgs: operands.count))
    }

    /// Outer product of the flattened arrays: shape `(a.size, b.size)`.
    ///
    /// ```swift
    /// let o = try np.outer(np.ones([3]), np.ones([2]))  // shape (3, 2)
    /// ```
    public static func outer(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try tensordot(reshape(a, [-1]), reshape(b, [-1]), axes: 0)
    }

    /// Inner product over the last axes (a scaling when either is 0-d).
    ///
    /// ```swift
    /// let i = try np.inner(np.ones([2, 3]), np.ones([4, 3]))  // shape (2, 4), all 3
    /// ```
    public static func inner(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        if a.ndim == 0 || b.ndim == 0 { return try multiply(a, b) }
        return try tensordot(a, b, axes: ([-1], [-1]))
    }

    /// Dot product of the flattened arrays (a 0-d result).
    ///
    /// ```swift
    /// let v = try np.vdot(np.ones([2, 2]), np.ones([2, 2]))  // 4
    /// ```
    public static func vdot(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try dot(reshape(a, [-1]), reshape(b, [-1]))
    }
}

extension NDArray {
    /// `np.dot(self, other)`.
    public func dot(_ other: NDArray) throws -> NDArray { try np.dot(self, other) }
}
