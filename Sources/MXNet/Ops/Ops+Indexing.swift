/// How `take` treats indices outside `0 ..< size`.
public enum TakeMode: String, CaseIterable, Sendable {
    /// Clamp into range (MXNet's default).
    case clip
    /// Throw (negative indices are out of range too, as in MXNet).
    case raise
    /// Wrap around modulo the size.
    case wrap
}

/// Parameters of `take`.
public struct TakeParams: OpParams {
    public var axis = 0
    public var mode = TakeMode.clip
    public init() {}
    public init(axis: Int, mode: TakeMode) { self.axis = axis; self.mode = mode }
    public static let fields: [ParamField<TakeParams>] = [.int("axis", \.axis), .choice("mode", \.mode)]
}

/// Parameters of `_npi_boolean_mask`.
public struct BooleanMaskParams: OpParams {
    public var axis = 0
    public init() {}
    public init(axis: Int) { self.axis = axis }
    public static let fields: [ParamField<BooleanMaskParams>] = [.int("axis", \.axis)]
}

/// Parameters of `_npi_boolean_mask_assign_scalar` / `_tensor`: the mask covers the data's axes from `start_axis`.
public struct BooleanMaskAssignParams: OpParams {
    public var value = 0.0
    public var startAxis = 0
    public init() {}
    public init(value: Double = 0, startAxis: Int) { self.value = value; self.startAxis = startAxis }
    public static let fields: [ParamField<BooleanMaskAssignParams>] = [
        .double("value", \.value, required: true), .int("start_axis", \.startAxis, required: true),
    ]
    /// `_tensor` takes its value as an input.
    static let tensorFields: [ParamField<BooleanMaskAssignParams>] = [.int("start_axis", \.startAxis, required: true)]
}

/// The `_tensor` form's parameters (no `value`).
public struct BooleanMaskAssignTensorParams: OpParams {
    public var base = BooleanMaskAssignParams()
    public init() {}
    public init(startAxis: Int) { base = BooleanMaskAssignParams(startAxis: startAxis) }
    public static let fields: [ParamField<BooleanMaskAssignTensorParams>] =
        BooleanMaskAssignParams.tensorFields.map { $0.lifted(\.base) }
}

extension Ops {
    // MARK: - take

    static let take: Operator = Operator(
        "_npi_take", aliases: ["take"], display: "take", params: TakeParams.self, inputs: { _ in ["a", "indices"] },
        widensHalfPrecision: false,
        shape: { s, p in
            guard let a = s[0], let i = s[1] else { throw MXNetError.unknownShape("input shapes are unknown") }
            let axis = try Shape.axis(p.axis, ndim: a.count)
            return [Array(a[..<axis]) + i + Array(a[(axis + 1)...])]
        }, type: { t, _ in
            guard let d = t[0] else { throw MXNetError.unknownType("dtype of a is unknown") }
            t[1] = .int64
            return [d]
        },
        forward: { c in
            let a = c.inputs[0], axis = try Shape.axis(c.params.axis, ndim: a.ndim)
            let size = a.shape[axis], idx = c.inputs[1]
            let rows = try (0..<idx.count).map { try takeIndex(idx.pointer(Int64.self)[$0], size, c.params.mode) }
            let outer = Shape.count(Array(a.shape[..<axis])), inner = Shape.count(Array(a.shape[(axis + 1)...]))
            let rowBytes = inner * a.dtype.size
            for p in 0..<outer {
                for (j, r) in rows.enumerated() {
                    (c.outputs[0].data + (p * rows.count + j) * rowBytes)
                        .copyMemory(from: a.data + (p * size + r) * rowBytes, byteCount: rowBytes)
                }
            }
        },
        gradient: { g in
            let a = g.inputs[0], axis = try Shape.axis(g.params.axis, ndim: a.ndim)
            let positions = try g.inputs[1].asArray(Int64.self).map {
                Int64(try takeIndex($0, a.shape[axis], g.params.mode))
            }
            let grid = indexGrid(leading: Array(a.shape[..<axis]), last: positions, lastShape: g.inputs[1].shape)
            return [try Imperative.call(backwardGatherND, [g.outputGradients[0], grid], ShapeParams(a.shape)), nil]
        })

    /// An index into an axis of `size`, resolved by `mode`.
    static func takeIndex(_ i: Int64, _ size: Int, _ mode: TakeMode) throws -> Int {
        guard size > 0 else { throw MXNetError("cannot take from an axis of size 0") }
        let n = Int64(size)
        switch mode {
        case .clip: return Int(min(max(i, 0), n - 1))
        case .wrap: return Int(((i % n) + n) % n)
        case .raise:
            guard i >= 0 && i < n else { throw MXNetError("index \(i) is out of bounds for axis with size \(size)") }
            return Int(i)
        }
    }

    /// A `gather_nd` index array of shape `(k + 1,) + leading + lastShape`: every position of the `leading` axes
    /// combined with each of `last` (laid out as `lastShape`).
    static func indexGrid(leading: [Int], last: [Int64], lastShape: [Int]) -> NDArray {
        let lead = Shape.count(leading), n = last.count, m = leading.count + 1
        let strides = Shape.strides(leading)
        var values = [Int64](repeating: 0, count: m * lead * n)
        for p in 0..<lead {
            for j in 0..<n {
                let k = p * n + j
                for d in 0..<leading.count { values[d * lead * n + k] = Int64(p / strides[d] % leading[d]) }
                values[leading.count * lead * n + k] = last[j]
            }
        }
        return NDArray(values, shape: [m] + leading + lastShape)
    }

    // MARK: - gather_nd and scatters

    /// Shape rule of gather_nd: indices `(M, Y...)` pick from the first M axes of data, giving `Y + data[M:]`.
    static func gatherShape(_ data: [Int], _ indices: [Int]) throws -> [Int] {
        guard let m = indices.first else { throw MXNetError("indices must have at least one dimension") }
        guard m <= data.count else {
            throw MXNetError("indices address \(m) axes but data has only \(data.count) dimensions")
        }
        return Array(indices.dropFirst()) + Array(data[m...])
    }

    static func indexType(_ t: inout [DType?], _ k: Int) {
        if let d = t[k] { t[k] = d.isFloatingPoint ? .float64 : .int64 }
    }

    /// Flat element offsets (in blocks of the trailing size) addressed by a `(M, Y...)` index tensor; negative
    /// indices count from the end.
    /// - Throws: ``MXNetError`` for out-of-range indices.
    static func gatherOffsets(_ indices: TensorRef, _ shape: [Int]) throws -> [Int] {
        let m = indices.shape[0], k = indices.count / max(m, 1)
        var offsets = [Int](repeating: 0, count: m == 0 ? 0 : k)
        let isFloat = indices.dtype == .float64
        for j in 0..<m {
            let size = shape[j]
            for i in 0..<k {
                var v: Int64
                if isFloat {
                    // MXNet range-checks fractional indices as they are, then truncates.
                    var x = indices.pointer(Double.self)[j * k + i]
                    if x < 0 { x += Double(size) }
                    guard x >= 0 && x <= Double(size - 1) else {
                        throw MXNetError("index \(indices.pointer(Double.self)[j * k + i]) is out of bounds for axis \(j) with size \(size)")
                    }
                    v = Int64(x)
                } else {
                    v = indices.pointer(Int64.self)[j * k + i]
                    if v < 0 { v += Int64(size) }
                    guard v >= 0 && v < Int64(size) else {
                        throw MXNetError("index \(indices.pointer(Int64.self)[j * k + i]) is out of bounds for axis \(j) with size \(size)")
                    }
                }
                offsets[i] = offsets[i] * size + Int(v)
            }
        }
        return offsets
    }

    static let gatherND: Operator = Operator(
        "_npi_gather_nd", aliases: ["gather_nd", "_npx_gather_nd"], display: "gather_nd", params: NoParams.self,
        inputs: { _ in ["data", "indices"] }, widensHalfPrecision: false,
        shape: { s, _ in
            guard let d = s[0], let i = s[1] else { throw MXNetError.unknownShape("input shapes are unknown") }
            return [try gatherShape(d, i)]
        }, type: { t, _ in
            guard let d = t[0] else { throw MXNetError.unknownType("dtype of data is unknown") }
            indexType(&t, 1)
            return [d]
        },
        forward: { c in
            let data = c.inputs[0], m = c.inputs[1].shape[0]
            let offsets = try gatherOffsets(c.inputs[1], data.shape)
            let rowBytes = Shape.count(Array(data.shape[m...])) * data.dtype.size
            for (k, off) in offsets.enumerated() {
                (c.outputs[0].data + k * rowBytes).copyMemory(from: data.data + off * rowBytes, byteCount: rowBytes)
            }
        },
        gradient: { g in
            [try Imperative.call(backwardGatherND, [g.outputGradients[0], g.inputs[1]], ShapeParams(g.inputs[0].shape)), nil]
        })

    /// Checks a scatter's data against the target `shape` and indices; returns the index count M.
    static func scatterShape(data: [Int], indices: [Int], shape: [Int]) throws -> [Int] {
        let target = try checkedShape(shape)
        guard try gatherShape(target, indices) == data else {
            throw MXNetError("data of shape \(Shape.text(data)) does not fit indices \(Shape.text(indices)) into shape \(Shape.text(target))")
        }
        return target
    }

    /// Sums data into zeros of `shape` at the indexed positions (gather_nd's gradient).
    static let backwardGatherND: Operator = Operator(
        "_backward_gather_nd", display: "scatter_add_nd", params: ShapeParams.self, inputs: { _ in ["data", "indices"] },
        shape: { s, p in
            guard let d = s[0], let i = s[1] else { throw MXNetError.unknownShape("input shapes are unknown") }
            return [try scatterShape(data: d, indices: i, shape: p.shape)]
        }, type: { t, _ in
            guard let d = t[0] else { throw MXNetError.unknownType("dtype of data is unknown") }
            if d == .bool { t[0] = .int64 }
            indexType(&t, 1)
            return [t[0]!]
        },
        forward: { c in
            let data = c.inputs[0], o = c.outputs[0]
            let offsets = try gatherOffsets(c.inputs[1], o.shape)
            fill(o, 0)
            let row = Shape.count(Array(o.shape[c.inputs[1].shape[0]...]))
            try data.dispatch(ScatterAddKernel(data: data, out: o, offsets: offsets, row: row))
        },
        gradient: { g in [try Imperative.call(gatherND, [g.outputGradients[0], g.inputs[1]]), nil] })

    /// Writes data rows at the indexed positions of `base` (zeros when nil); later duplicates win.
    static func scatterSet(_ data: TensorRef, _ indices: TensorRef, into o: TensorRef, base: TensorRef?) throws {
        let offsets = try gatherOffsets(indices, o.shape)
        if let base {
            o.data.copyMemory(from: base.data, byteCount: base.count * base.dtype.size)
        } else {
            fill(o, 0)
        }
        let rowBytes = Shape.count(Array(o.shape[indices.shape[0]...])) * o.dtype.size
        for (k, off) in offsets.enumerated() {
            (o.data + off * rowBytes).copyMemory(from: data.data + k * rowBytes, byteCount: rowBytes)
        }
    }

    static let scatterND: Operator = Operator(
        "scatter_nd", display: "scatter_nd", params: ShapeParams.self, inputs: { _ in ["data", "indices"] },
        widensHalfPrecision: false,
        shape: { s, p in
            guard let d = s[0], let i = s[1] else { throw MXNetError.unknownShape("input shapes are unknown") }
            return [try scatterShape(data: d, indices: i, shape: p.shape)]
        }, type: { t, _ in
            guard let d = t[0] else { throw MXNetError.unknownType("dtype of data is unknown") }
            indexType(&t, 1)
            return [d]
        },
        forward: { c in try scatterSet(c.inputs[0], c.inputs[1], into: c.outputs[0], base: nil) },
        gradient: { g in [try Imperative.call(gatherND, [g.outputGradients[0], g.inputs[1]]), nil] })

    /// `lhs` with the indexed positions set from `rhs` (the assignment behind advanced `x[...] = v`).
    static let scatterSetND: Operator = Operator(
        "_npi_scatter_set_nd", aliases: ["_scatter_set_nd"], display: "scatter_set_nd", params: ShapeParams.self,
        inputs: { _ in ["lhs", "rhs", "indices"] }, widensHalfPrecision: false,
        shape: { s, p in
            guard let l = s[0], let r = s[1], let i = s[2] else { throw MXNetError.unknownShape("input shapes are unknown") }
            guard l == p.shape else {
                throw MXNetError("lhs of shape \(Shape.text(l)) does not match shape \(Shape.text(p.shape))")
            }
            return [try scatterShape(data: r, indices: i, shape: p.shape)]
        }, type: { t, _ in
            guard let d = t[0] else { throw MXNetError.unknownType("dtype of lhs is unknown") }
            t[1] = d
            indexType(&t, 2)
            return [d]
        },
        forward: { c in try scatterSet(c.inputs[1], c.inputs[2], into: c.outputs[0], base: c.inputs[0]) },
        gradient: { g in
            let d = g.outputGradients[0]
            return [try Imperative.call(scatterSetND, [d, np.zerosLike(g.inputs[1]), g.inputs[2]], g.params),
                    try Imperative.call(gatherND, [d, g.inputs[2]]), nil]
        })

    // MARK: - Boolean masks

    /// Positions of non-zero elements of `mask`.
    static func maskPositions(_ mask: TensorRef) -> [Int] {
        mask.dtype.visit(NonzeroPositions(mask: mask))
    }

    /// `data` rows along `axis` where the 1-d `index` is non-zero; the output length depends on the values.
    static let booleanMask: Operator = Operator(
        "_npi_boolean_mask", aliases: ["_contrib_boolean_mask"], display: "boolean_mask", params: BooleanMaskParams.self,
        inputs: { _ in ["data", "index"] }, widensHalfPrecision: false,
        shape: { s, p in
            guard let d = s[0], let m = s[1] else { throw MXNetError.unknownShape("input shapes are unknown") }
            let axis = try Shape.axis(p.axis, ndim: d.count)
            guard m == [d[axis]] else {
                throw MXNetError("index of shape \(Shape.text(m)) must be 1-d of length \(d[axis]) (the size of axis \(p.axis))")
            }
            return [d]
        }, type: { t, _ in
            guard let d = t[0] else { throw MXNetError.unknownType("dtype of data is unknown") }
            t[1] = .bool
            return [d]
        },
        forward: { c in
            let x = c.inputs[0], axis = try Shape.axis(c.params.axis, ndim: x.ndim)
            let rows = maskPositions(c.inputs[1])
            let outer = Shape.count(Array(x.shape[..<axis])), size = x.shape[axis]
            let rowBytes = Shape.count(Array(x.shape[(axis + 1)...])) * x.dtype.size
            for p in 0..<outer {
                for (j, r) in rows.enumerated() {
                    (c.outputs[0].data + (p * rows.count + j) * rowBytes)
                        .copyMemory(from: x.data + (p * size + r) * rowBytes, byteCount: rowBytes)
                }
            }
        },
        gradient: { g in
            let p = BooleanMaskAssignTensorParams(startAxis: try Shape.axis(g.params.axis, ndim: g.inputs[0].ndim))
            return [try Imperative.call(booleanMaskAssignTensor, [np.zerosLike(g.inputs[0]), g.inputs[1], g.outputGradients[0]], p), nil]
        },
        valueShape: { t, p in
            var shape = t[0].shape
            shape[try Shape.axis(p.axis, ndim: shape.count)] = maskPositions(t[1]).count
            return [shape]
        })

    /// Checks that `mask` covers `data`'s axes from `start`.
    static func maskShape(_ data: [Int], _ mask: [Int], _ start: Int) throws -> [Int] {
        guard start >= 0, start + mask.count <= data.count else {
            throw MXNetError("mask of rank \(mask.count) from axis \(start) exceeds the data's rank \(data.count)")
        }
        for i in 0..<mask.count where mask[i] != data[start + i] {
            throw MXNetError("boolean index did not match indexed array along dimension \(start + i); " +
                             "dimension is \(data[start + i]) but corresponding boolean dimension is \(mask[i])")
        }
        return data
    }

    /// Copies `data` to `out`, then writes `value` (broadcast to `data[:start] + (count,) + trailing`, or a single
    /// element) at the masked positions.
    static func maskAssign(_ data: TensorRef, _ mask: TensorRef, value: TensorRef, start: Int, out: TensorRef) throws {
        out.data.copyMemory(from: data.data, byteCount: data.count * data.dtype.size)
        let positions = maskPositions(mask)
        let lead = Array(data.shape[..<start]), trailing = Array(data.shape[(start + mask.ndim)...])
        let target = lead + [positions.count] + trailing
        guard Shape.broadcast(value.shape, target) == target else {
            throw MXNetError("value of shape \(Shape.text(value.shape)) cannot be broadcast to the masked shape \(Shape.text(target))")
        }
        let v = Storage(uninitializedByteCount: Shape.count(target) * data.dtype.size)
        copyBroadcast(value, TensorRef(data: v.data, shape: target, dtype: data.dtype))
        let outer = Shape.count(lead), k = Shape.count(mask.shape), n = positions.count
        let rowBytes = Shape.count(trailing) * data.dtype.size
        for p in 0..<outer {
            for (j, r) in positions.enumerated() {
                (out.data + (p * k + r) * rowBytes).copyMemory(from: v.data + (p * n + j) * rowBytes, byteCount: rowBytes)
            }
        }
    }

    static let booleanMaskAssignScalar: Operator = Operator(
        "_npi_boolean_mask_assign_scalar", display: "boolean_mask_assign", params: BooleanMaskAssignParams.self,
        inputs: { _ in ["data", "mask"] }, widensHalfPrecision: false,
        shape: { s, p in
            guard let d = s[0], let m = s[1] else { throw MXNetError.unknownShape("input shapes are unknown") }
            return [try maskShape(d, m, p.startAxis)]
        }, type: { t, _ in
            guard let d = t[0] else { throw MXNetError.unknownType("dtype of data is unknown") }
            t[1] = .bool
            return [d]
        },
        forward: { c in
            let x = c.inputs[0]
            let value = Storage(byteCount: x.dtype.size)
            let v = TensorRef(data: value.data, shape: [], dtype: x.dtype)
            fill(v, c.params.value)
            try maskAssign(x, c.inputs[1], value: v, start: c.params.startAxis, out: c.outputs[0])
        },
        gradient: { g in
            [try Imperative.call(booleanMaskAssignScalar, [g.outputGradients[0], g.inputs[1]],
                                 BooleanMaskAssignParams(value: 0, startAxis: g.params.startAxis)), nil]
        })

    static let booleanMaskAssignTensor: Operator = Operator(
        "_npi_boolean_mask_assign_tensor", display: "boolean_mask_assign", params: BooleanMaskAssignTensorParams.self,
        inputs: { _ in ["data", "mask", "value"] }, widensHalfPrecision: false,
        shape: { s, p in
            guard let d = s[0], let m = s[1], s[2] != nil else { throw MXNetError.unknownShape("input shapes are unknown") }
            return [try maskShape(d, m, p.base.startAxis)]
        }, type: { t, _ in
            guard let d = t[0] else { throw MXNetError.unknownType("dtype of data is unknown") }
            t[1] = .bool
            t[2] = d
            return [d]
        },
        forward: { c in
            try maskAssign(c.inputs[0], c.inputs[1], value: c.inputs[2], start: c.params.base.startAxis, out: c.outputs[0])
        },
        gradient: { g in
            let d = g.outputGradients[0], mask = g.inputs[1], value = g.inputs[2], start = g.params.base.startAxis
            let dData = try Imperative.call(booleanMaskAssignScalar, [d, mask],
                                            BooleanMaskAssignParams(value: 0, startAxis: start))
            let shape = d.shape
            let flat = try np.reshape(d, Array(shape[..<start]) + [mask.size] + Array(shape[(start + mask.ndim)...]))
            let picked = try Imperative.call(booleanMask, [flat, np.reshape(mask, [mask.size])], BooleanMaskParams(axis: start))
            return [dData, nil, try reduceTo(picked, value.shape)]
        })

    static var indexing: [Operator] {
        [take, gatherND, backwardGatherND, scatterND, scatterSetND, booleanMask, booleanMaskAssignScalar,
         booleanMaskAssignTensor] + slicing
    }
}

/// Positions of the non-zero elements of a mask of any dtype.
private struct NonzeroPositions: ElementVisitor {
    let mask: TensorRef
    func visit<T: Element>(_: T.Type) -> [Int] {
        let p = mask.pointer(T.self)
        var out: [Int] = []
        for i in 0..<mask.count where p[i].doubleValue != 0 { out.append(i) }
        return out
    }
}

/// `out[offset * row + r] += data[k * row + r]` for each index k.
private struct ScatterAddKernel: FloatVisitor, IntegerVisitor {
    let data: TensorRef, out: TensorRef, offsets: [Int], row: Int
    func float<T: KernelFloat>(_: T.Type) { run(T.self, +) }
    func integer<T: IntegerElement>(_: T.Type) { run(T.self, &+) }
    private func run<T>(_: T.Type, _ add: (T, T) -> T) {
        let d = data.pointer(T.self), o = out.pointer(T.self)
        for (k, off) in offsets.enumerated() {
            for r in 0..<row { o[off * row + r] = add(o[off * row + r], d[k * row + r]) }
        }
    }
}
