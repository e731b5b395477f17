/// Array manipulation: axis order, unit axes, joining, splitting, tiling and reordering.
extension np {
    /// `a` with its axes permuted (reversed when `axes` is nil).
    ///
    /// ```swift
    /// let t = try np.transpose(np.zeros([2, 3, 4]), axes: [1, 0, 2])  // shape (3, 2, 4)
    /// ```
    /// - Throws: ``MXNetError`` when `axes` is not a permutation of the axes.
    public static func transpose(_ a: NDArray, axes: [Int]? = nil) throws -> NDArray {
        try Imperative.call(Ops.transpose, [a], TransposeParams(axes: axes))
    }

    /// `a` with axes `axis1` and `axis2` exchanged.
    ///
    /// ```swift
    /// let t = try np.swapaxes(np.zeros([2, 3]), 0, 1)  // shape (3, 2)
    /// ```
    public static func swapaxes(_ a: NDArray, _ axis1: Int, _ axis2: Int) throws -> NDArray {
        try Imperative.call(Ops.swapaxes, [a], SwapAxesParams(axis1, axis2))
    }

    /// `a` with the axes `source` moved to `destination` (the others keep their order).
    ///
    /// ```swift
    /// let t = try np.moveaxis(np.zeros([2, 3, 4]), source: [0], destination: [-1])  // shape (3, 4, 2)
    /// ```
    public static func moveaxis(_ a: NDArray, source: [Int], destination: [Int]) throws -> NDArray {
        try Imperative.call(Ops.moveaxis, [a], MoveAxisParams(source: source, destination: destination))
    }

    /// `a` with a unit axis inserted at `axis`.
    ///
    /// ```swift
    /// let e = try np.expandDims(np.zeros([2, 3]), axis: 1)  // shape (2, 1, 3)
    /// ```
    public static func expandDims(_ a: NDArray, axis: Int) throws -> NDArray {
        try Imperative.call(Ops.expandDims, [a], ExpandDimsParams(axis: axis))
    }

    /// `a` without the unit axes `axis` (all unit axes when nil).
    ///
    /// ```swift
    /// let s = try np.squeeze(np.zeros([1, 3, 1]))  // shape (3,)
    /// ```
    /// - Throws: ``MXNetError`` when a selected axis is not of size one.
    public static func squeeze(_ a: NDArray, axis: [Int]? = nil) throws -> NDArray {
        try Imperative.call(Ops.squeeze, [a], SqueezeParams(axis: axis))
    }

    /// `a` flattened to one dimension (C order).
    ///
    /// ```swift
    /// let r = try np.ravel(np.zeros([2, 3]))  // shape (6,)
    /// ```
    public static func ravel(_ a: NDArray) throws -> NDArray { try reshape(a, [-1]) }

    /// Joins `arrays` along an existing `axis` (of the flattened arrays when nil).
    ///
    /// ```swift
    /// let c = try np.concatenate([np.zeros([2, 3]), np.ones([1, 3])], axis: 0)  // shape (3, 3)
    /// ```
    /// - Throws: ``MXNetError`` when the shapes differ off the joining axis.
    public static func concatenate(_ arrays: [NDArray], axis: Int? = 0) throws -> NDArray {
        try Imperative.call(Ops.concatenate, arrays, ConcatenateParams(numArgs: arrays.count, axis: axis))
    }

    /// Joins same-shaped `arrays` along a new `axis`.
    ///
    /// ```swift
    /// let s = try np.stack([np.zeros([3]), np.ones([3])], axis: 1)  // shape (3, 2)
    /// ```
    public static func stack(_ arrays: [NDArray], axis: Int = 0) throws -> NDArray {
        try Imperative.call(Ops.stack, arrays, StackParams(axis: axis, numArgs: arrays.count))
    }

    /// Stacks rows: 1-d arrays become rows, then join along axis 0.
    ///
    /// ```swift
    /// let v = try np.vstack([np.zeros([3]), np.ones([3])])  // shape (2, 3)
    /// ```
    public static func vstack(_ arrays: [NDArray]) throws -> NDArray {
        try Imperative.call(Ops.vstack, arrays, NumArgsParams(numArgs: arrays.count))
    }

    /// Stacks columns: joins along axis 1 (axis 0 for 1-d arrays).
    ///
    /// ```swift
    /// let h = try np.hstack([np.zeros([2, 1]), np.ones([2, 2])])  // shape (2, 3)
    /// ```
    public static func hstack(_ arrays: [NDArray]) throws -> NDArray {
        try Imperative.call(Ops.hstack, arrays, ConcatParams(numArgs: arrays.count))
    }

    /// Stacks along the third axis (arrays are made at least 3-d first).
    ///
    /// ```swift
    /// let d = try np.dstack([np.zeros([2, 3]), np.ones([2, 3])])  // shape (2, 3, 2)
    /// ```
    public static func dstack(_ arrays: [NDArray]) throws -> NDArray {
        try Imperative.call(Ops.dstack, arrays, ConcatParams(numArgs: arrays.count))
    }

    /// Stacks 1-d arrays as columns of a 2-d array.
    ///
    /// ```swift
    /// let c = try np.columnStack([np.zeros([3]), np.ones([3])])  // shape (3, 2)
    /// ```
    public static func columnStack(_ arrays: [NDArray]) throws -> NDArray {
        try Imperative.call(Ops.columnStack, arrays, NumArgsParams(numArgs: arrays.count))
    }

    /// Splits `a` into `sections` equal pieces along `axis`.
    ///
    /// ```swift
    /// let parts = try np.split(np.zeros([6, 2]), sections: 3)  // three (2, 2) arrays
    /// ```
    /// - Throws: ``MXNetError`` when the axis does not divide evenly.
    public static func split(_ a: NDArray, sections: Int, axis: Int = 0) throws -> [NDArray] {
        let n = a.shape.isEmpty ? 0 : a.shape[try Shape.axis(axis, ndim: a.ndim)]
        guard sections > 0, n % sections == 0 else {
            throw MXNetError("split: array split does not result in an equal division")
        }
        return try split(a, indices: (1..<sections).map { $0 * n / sections }, axis: axis)
    }

    /// Splits `a` before each of `indices` along `axis` (`[2, 3]` gives `a[:2]`, `a[2:3]`, `a[3:]`).
    ///
    /// ```swift
    /// let parts = try np.split(np.zeros([5]), indices: [2, 3])  // sizes 2, 1, 2
    /// ```
    public static func split(_ a: NDArray, indices: [Int], axis: Int = 0) throws -> [NDArray] {
        try Imperative.invoke(Ops.split, [a], SplitParams(indices: [0] + indices, axis: axis))
    }

    /// Splits `a` into `sections` near-equal pieces along `axis` (the first `n % sections` one longer).
    ///
    /// ```swift
    /// let parts = try np.arraySplit(np.zeros([7]), sections: 3)  // sizes 3, 2, 2
    /// ```
    public static func arraySplit(_ a: NDArray, sections: Int, axis: Int = 0) throws -> [NDArray] {
        guard sections > 0 else { throw MXNetError("array_split: number of sections must be larger than 0") }
        return try Imperative.invoke(Ops.split, [a], SplitParams(indices: [], axis: axis, sections: sections))
    }

    /// Same as ``split(_:indices:axis:)``.
    public static func arraySplit(_ a: NDArray, indices: [Int], axis: Int = 0) throws -> [NDArray] {
        try split(a, indices: indices, axis: axis)
    }

    /// `a` repeated `reps` times along each axis.
    ///
    /// ```swift
    /// let t = try np.tile(np.array([1, 2] as [Float]), [2, 2])  // shape (2, 4)
    /// ```
    public static func tile(_ a: NDArray, _ reps: [Int]) throws -> NDArray {
        try Imperative.call(Ops.tile, [a], TileParams(reps: reps))
    }

    /// Each element repeated `repeats` times along `axis` (of the flattened array when nil).
    ///
    /// ```swift
    /// let r = try np.repeat(np.array([1, 2] as [Float]), 2)  // [1, 1, 2, 2]
    /// ```
    public static func `repeat`(_ a: NDArray, _ repeats: Int, axis: Int? = nil) throws -> NDArray {
        try Imperative.call(Ops.repeatOp, [a], RepeatParams(repeats: repeats, axis: axis))
    }

    /// `a` reversed along `axis` (every axis when nil).
    ///
    /// ```swift
    /// let f = try np.flip(np.array([1, 2, 3] as [Float]))  // [3, 2, 1]
    /// ```
    public static func flip(_ a: NDArray, axis: [Int]? = nil) throws -> NDArray {
        try Imperative.call(Ops.flip, [a], FlipParams(axis: axis ?? Array(0..<a.ndim)))
    }

    /// `a` rolled by `shift` along `axis` (the flattened array when nil); one shift may serve all axes.
    ///
    /// ```swift
    /// let r = try np.roll(np.array([1, 2, 3] as [Float]), shift: [1])  // [3, 1, 2]
    /// ```
    public static func roll(_ a: NDArray, shift: [Int], axis: [Int]? = nil) throws -> NDArray {
        try Imperative.call(Ops.roll, [a], RollParams(shift: shift, axis: axis))
    }

    /// `a` padded by `padWidth` (`(before, after)` per axis).
    ///
    /// ```swift
    /// let p = try np.pad(np.ones([2, 2]), [[1, 1], [0, 2]], mode: .constant, constantValues: 0)  // (4, 4)
    /// ```
    /// - Throws: ``MXNetError`` for a wrong number of pairs or an unsupported mode.
    public static func pad(_ a: NDArray, _ padWidth: [[Int]], mode: PadMode = .constant,
                           constantValues: Double = 0) throws -> NDArray {
        let widths = padWidth.count == 1 && a.ndim > 1 ? [[Int]](repeating: padWidth[0], count: a.ndim) : padWidth
        return try Imperative.call(Ops.pad, [a], PadParams(padWidth: widths, mode: mode, constantValue: constantValues))
    }

    /// Elements of `a` limited to `[aMin, aMax]` (nil: unbounded on that side).
    ///
    /// ```swift
    /// let c = try np.clip(np.array([-1, 5] as [Float]), 0, 1)  // [0, 1]
    /// ```
    public static func clip(_ a: NDArray, _ aMin: Double?, _ aMax: Double?) throws -> NDArray {
        try Imperative.call(Ops.clip, [a], ClipParams(aMin ?? -.infinity, aMax ?? .infinity))
    }
}

// MARK: - Selection and logic

extension np {
    /// Elements of `x` where `condition` is true, else of `y`, all broadcast together.
    ///
    /// ```swift
    /// let w = try np.where(np.greater(a, 0), a, np.zerosLike(a))
    /// ```
    public static func `where`(_ condition: NDArray, _ x: NDArray, _ y: NDArray) throws -> NDArray {
        try Imperative.call(Ops.npWhere, [condition, x, y])
    }

    /// `where` with a number for the `x` branch.
    public static func `where`(_ condition: NDArray, _ x: Double, _ y: NDArray) throws -> NDArray {
        try Imperative.call(Ops.whereLScalar, [condition, y], WhereScalarParams(x))
    }

    /// `where` with a number for the `y` branch.
    public static func `where`(_ condition: NDArray, _ x: NDArray, _ y: Double) throws -> NDArray {
        try Imperative.call(Ops.whereRScalar, [condition, x], WhereScalarParams(y))
    }

    /// `where` with two numbers (float32 result).
    public static func `where`(_ condition: NDArray, _ x: Double, _ y: Double) throws -> NDArray {
        try Imperative.call(Ops.whereScalars, [condition], WhereScalarsParams(x: x, y: y))
    }

    /// The indices of the nonzero elements, one int64 array per axis (NumPy `nonzero`).
    ///
    /// ```swift
    /// let idx = try np.nonzero(np.array([0, 3, 0, 4] as [Float], shape: [2, 2]))  // rows [0, 1], cols [1, 1]
    /// ```
    public static func nonzero(_ a: NDArray) throws -> [NDArray] {
        let idx = try Imperative.call(Ops.nonzero, [a])
        let n = idx.shape[1]
        return try Imperative.invoke(Ops.split, [try transpose(idx)],
                                     SplitParams(indices: [], axis: 0, squeezeAxis: true, sections: n))
    }

    /// Elementwise logical and (bool).
    public static func logicalAnd(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try Imperative.call(Ops.logicalAnd, [a, b])
    }

    /// Elementwise logical or (bool).
    public static func logicalOr(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try Imperative.call(Ops.logicalOr, [a, b])
    }

    /// Elementwise logical exclusive or (bool).
    public static func logicalXor(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try Imperative.call(Ops.logicalXor, [a, b])
    }

    static func checkSortKind(_ kind: String?) throws {
        guard let kind else { return }
        guard ["quicksort", "mergesort", "heapsort", "stable"].contains(kind) else {
            throw MXNetError("sort kind must be one of quicksort, mergesort, heapsort, stable; got '\(kind)'")
        }
    }

    /// `a` sorted along `axis` (the flattened array when nil); NaN sorts last.
    ///
    /// ```swift
    /// let s = try np.sort(np.array([3, 1, 2] as [Float]))  // [1, 2, 3]
    /// ```
    /// - Parameter kind: NumPy's algorithm name; every kind sorts stably here.
    public static func sort(_ a: NDArray, axis: Int? = -1, kind: String? = nil, descending: Bool = false) throws -> NDArray {
        try checkSortKind(kind)
        return try Imperative.call(Ops.sort, [a], SortParams(axis: axis, isAscend: !descending))
    }

    /// The int64 indices that sort `a` along `axis` (ties keep their order).
    ///
    /// ```swift
    /// let i = try np.argsort(np.array([3, 1, 2] as [Float]))  // [1, 2, 0]
    /// ```
    /// - Parameter kind: NumPy's algorithm name; every kind sorts stably here.
    public static func argsort(_ a: NDArray, axis: Int? = -1, kind: String? = nil, descending: Bool = false) throws -> NDArray {
        try checkSortKind(kind)
        return try Imperative.call(Ops.argsort, [a], ArgsortParams(axis: axis, isAscend: !descending, dtype: .int64))
    }

    /// The sorted unique elements of `a` (or unique slices along `axis`), followed by the requested int64
    /// outputs: first indices, inverse indices, counts. The sizes depend on the values.
    ///
    /// ```swift
    /// let out = try np.unique(np.array([2, 1, 2] as [Float]), returnCounts: true)  // [[1, 2], [1, 2]]
    /// ```
    public static func unique(_ a: NDArray, returnIndex: Bool = false, returnInverse: Bool = false,
                              returnCounts: Bool = false, axis: Int? = nil) throws -> [NDArray] {
        try Imperative.invoke(Ops.unique, [a], UniqueParams(returnIndex: returnIndex, returnInverse: returnInverse,
                                                            returnCounts: returnCounts, axis: axis))
    }
}

extension NDArray {
    /// `np.transpose(self)`: the axes reversed.
    public var T: NDArray { get throws { try np.transpose(self) } }
    /// `np.transpose(self, axes:)`.
    public func transposed(_ axes: [Int]? = nil) throws -> NDArray { try np.transpose(self, axes: axes) }
    /// `np.ravel(self)`.
    public func flattened() throws -> NDArray { try np.ravel(self) }
    /// `np.squeeze(self, axis:)`.
    public func squeezed(axis: [Int]? = nil) throws -> NDArray { try np.squeeze(self, axis: axis) }
}
