/// NumPy indexing on ``NDArray``: reading with a throwing subscript, writing with ``NDArray/setItem(_:_:)-(_,NDArray)``.
///
/// Basic indices (integers, slices, `.newAxis`, `.ellipsis`) become `slice` + `reshape`; a single boolean mask
/// becomes `boolean_mask`; integer arrays follow NumPy's advanced-indexing rules through `take` or `gather_nd`.
/// Assignment becomes `slice_assign`, `boolean_mask_assign` or `scatter_set_nd`, and the array takes the
/// result as its new value. Results are copies, never views.
///
/// ```swift
/// let a = try np.arange(12).reshaped([3, 4])
/// let row = try a[-1]                                   // [8, 9, 10, 11]
/// let picked = try a[np.array([2, 0] as [Int32]), 1...]  // rows 2 and 0, columns 1 to the end
/// try a.setItem([.ellipsis, 0], 0)                     // a[..., 0] = 0
/// try a.setItem([np.greater(a, 5)], -1)                // a[a > 5] = -1
/// ```
extension NDArray {
    /// `self[indices]` with NumPy semantics.
    /// - Throws: ``MXNetError`` for out-of-range integers, too many indices, zero steps, mismatched masks or
    ///   index arrays that do not broadcast.
    public subscript(_ indices: any NDArrayIndex...) -> NDArray {
        get throws { try getItem(indices) }
    }

    /// `self[indices]` with NumPy semantics (the subscript's array form).
    public func getItem(_ indices: [any NDArrayIndex]) throws -> NDArray {
        let entries = try IndexExpression.expand(indices.map(\.arrayIndex), ndim: ndim)
        if !IndexExpression.isAdvanced(entries) {
            let b = try BasicIndex(entries, shape: shape)
            let sliced = b.isWhole ? self : try Imperative.call(Ops.slice, [self], b.params)
            return sliced.shape == b.resultShape && sliced !== self ? sliced : try np.reshape(sliced, b.resultShape)
        }
        if let (axis, mask) = IndexExpression.soleMask(entries) {
            let (data, flat) = try IndexExpression.flattenMask(self, mask, axis: axis)
            return try Imperative.call(Ops.booleanMask, [data, flat], BooleanMaskParams(axis: axis))
        }
        let a = try AdvancedIndex(entries, shape: shape, allowTake: true)
        if let (axis, indices) = a.take {
            return try Imperative.call(Ops.take, [self, indices], TakeParams(axis: axis, mode: .wrap))
        }
        let x = a.virtualShape == shape ? self : try np.reshape(self, a.virtualShape)
        return try Imperative.call(Ops.gatherND, [x, a.grid(includingVirtual: true)])
    }

    /// `self[indices] = value`, with `value` broadcast to the shape of `self[indices]` and converted to this
    /// array's dtype. The array takes the updated value; copies made earlier keep the old one.
    ///
    /// ```swift
    /// try a.setItem([0, .slice(step: 2)], np.array([7, 8] as [Float]))
    /// ```
    /// - Throws: ``MXNetError`` for invalid indices or a value that does not broadcast.
    public func setItem(_ indices: [any NDArrayIndex], _ value: NDArray) throws {
        try setItem(indices, value: value, scalar: 0)
    }

    /// `self[indices] = value` for a number.
    public func setItem(_ indices: [any NDArrayIndex], _ value: Double) throws {
        try setItem(indices, value: nil, scalar: value)
    }

    private func setItem(_ indices: [any NDArrayIndex], value: NDArray?, scalar: Double) throws {
        let entries = try IndexExpression.expand(indices.map(\.arrayIndex), ndim: ndim)
        func broadcastValue(to shape: [Int]) throws -> NDArray {
            guard let value else { return try np.full(shape, scalar, dtype: dtype) }
            guard Shape.broadcast(value.shape, shape) == shape else {
                throw MXNetError("setitem: could not broadcast input array from shape \(Shape.text(value.shape)) " +
                                 "into shape \(Shape.text(shape))")
            }
            let v = value.dtype == dtype ? value : try np.astype(value, dtype)
            return v.shape == shape ? v : try np.broadcastTo(v, shape)
        }
        let result: NDArray
        if !IndexExpression.isAdvanced(entries) {
            let b = try BasicIndex(entries, shape: shape)
            if b.isWhole {
                result = try np.reshape(broadcastValue(to: b.resultShape), shape)
            } else if value == nil {
                result = try Imperative.call(Ops.sliceAssignScalar, [self], SliceAssignScalarParams(scalar, b.params))
            } else {
                let v = try np.reshape(broadcastValue(to: b.resultShape), b.regionShape)
                result = try Imperative.call(Ops.sliceAssign, [self, v], b.params)
            }
        } else if let (axis, mask) = IndexExpression.soleMask(entries) {
            if let value {
                result = try Imperative.call(Ops.booleanMaskAssignTensor, [self, mask, value],
                                             BooleanMaskAssignTensorParams(startAxis: axis))
            } else {
                result = try Imperative.call(Ops.booleanMaskAssignScalar, [self, mask],
                                             BooleanMaskAssignParams(value: scalar, startAxis: axis))
            }
        } else {
            let a = try AdvancedIndex(entries, shape: shape, allowTake: false)
            let v = try broadcastValue(to: a.resultShape)
            result = try Imperative.call(Ops.scatterSetND, [self, v, a.grid(includingVirtual: false)], ShapeParams(shape))
        }
        try replaceValue(with: result)
    }
}

/// Normalisation of an index expression.
enum IndexExpression {
    /// Replaces the ellipsis (or appends) full slices so that the entries consume exactly `ndim` axes.
    /// - Throws: ``MXNetError`` for two ellipses or more indices than axes.
    static func expand(_ raw: [NDArray.Index], ndim: Int) throws -> [NDArray.Index] {
        let ellipses = raw.indices.filter { if case .ellipsis = raw[$0] { return true } else { return false } }
        guard ellipses.count <= 1 else { throw MXNetError("an index can only have a single ellipsis ('...')") }
        let consumed = raw.reduce(0) { $0 + $1.consumedAxes }
        guard consumed <= ndim else {
            throw MXNetError("too many indices for array: array is \(ndim)-dimensional, but \(consumed) were indexed")
        }
        let fill = [NDArray.Index](repeating: .slice(start: nil, stop: nil, step: nil), count: ndim - consumed)
        guard let e = ellipses.first else { return raw + fill }
        return Array(raw[..<e]) + fill + Array(raw[(e + 1)...])
    }

    static func isAdvanced(_ entries: [NDArray.Index]) -> Bool {
        entries.contains {
            switch $0 {
            case .array, .mask: return true
            default: return false
            }
        }
    }

    /// The axis and mask when the expression is one mask with only full slices around it.
    static func soleMask(_ entries: [NDArray.Index]) -> (Int, NDArray)? {
        var found: (Int, NDArray)?
        var axis = 0
        for e in entries {
            if case .mask(let m) = e, found == nil {
                found = (axis, m)
            } else if !e.isFullSlice {
                return nil
            }
            axis += e.consumedAxes
        }
        return found
    }

    /// `x` with the mask's axes merged into one, and the mask flattened.
    /// - Throws: ``MXNetError`` when the mask's shape differs from the axes it covers.
    static func flattenMask(_ x: NDArray, _ mask: NDArray, axis: Int) throws -> (NDArray, NDArray) {
        let covered = Array(x.shape[axis..<(axis + mask.ndim)])
        for (i, (d, m)) in zip(covered, mask.shape).enumerated() where d != m {
            throw MXNetError("boolean index did not match indexed array along dimension \(axis + i); " +
                             "dimension is \(d) but corresponding boolean dimension is \(m)")
        }
        let merged = Array(x.shape[..<axis]) + [mask.size] + Array(x.shape[(axis + mask.ndim)...])
        return (try np.reshape(x, merged), try np.reshape(mask, [mask.size]))
    }
}

/// A basic index as one `slice` plus the reshape that drops integer axes and inserts new ones.
struct BasicIndex {
    var params: SliceParams
    /// The sliced block's shape (integer axes kept with length 1).
    var regionShape: [Int] = []
    /// The shape of `x[index]`.
    var resultShape: [Int] = []
    /// Whether nothing is sliced away.
    var isWhole = true

    init(_ entries: [NDArray.Index], shape: [Int]) throws {
        var begin: [Int?] = [], end: [Int?] = [], step: [Int?] = []
        var axis = 0
        for e in entries {
            switch e {
            case .integer(let i):
                let d = shape[axis], j = i < 0 ? i + d : i
                guard j >= 0 && j < d else {
                    throw MXNetError("index \(i) is out of bounds for axis \(axis) with size \(d)")
                }
                begin.append(j); end.append(j + 1); step.append(1)
                regionShape.append(1)
                isWhole = isWhole && d == 1
                axis += 1
            case let .slice(start, stop, s):
                guard s != 0 else { throw MXNetError("slice step cannot be zero") }
                let count = SliceParams.pythonRange(length: shape[axis], start: start, stop: stop, step: s ?? 1).count
                begin.append(start); end.append(stop); step.append(s)
                regionShape.append(count)
                resultShape.append(count)
                isWhole = isWhole && e.isFullSlice
                axis += 1
            case .newAxis:
                resultShape.append(1)
            case .ellipsis, .array, .mask:
                preconditionFailure("BasicIndex: expanded basic entries only")
            }
        }
        params = SliceParams(begin: begin, end: end, step: step)
    }
}
