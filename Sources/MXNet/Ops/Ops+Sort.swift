/// Parameters of `sort`: nil axis sorts the flattened array.
public struct SortParams: OpParams {
    public var axis: Int? = -1
    public var isAscend = true
    public init() {}
    public init(axis: Int?, isAscend: Bool = true) { self.axis = axis; self.isAscend = isAscend }
    public static let fields: [ParamField<SortParams>] = [.optionalInt("axis", \.axis), .bool("is_ascend", \.isAscend)]
}

/// Parameters of `argsort`; MXNet's default index dtype is float32 (np.argsort asks for int64).
public struct ArgsortParams: OpParams {
    public var axis: Int? = -1
    public var isAscend = true
    public var dtype = DType.float32
    public init() {}
    public init(axis: Int?, isAscend: Bool = true, dtype: DType = .int64) {
        self.axis = axis; self.isAscend = isAscend; self.dtype = dtype
    }
    public static let fields: [ParamField<ArgsortParams>] = [
        .optionalInt("axis", \.axis), .bool("is_ascend", \.isAscend), .dtype("dtype", \.dtype),
    ]
}

/// Parameters of `unique`.
public struct UniqueParams: OpParams {
    public var returnIndex = false, returnInverse = false, returnCounts = false
    public var axis: Int?
    public init() {}
    public init(returnIndex: Bool = false, returnInverse: Bool = false, returnCounts: Bool = false, axis: Int? = nil) {
        self.returnIndex = returnIndex; self.returnInverse = returnInverse; self.returnCounts = returnCounts
        self.axis = axis
    }
    public static let fields: [ParamField<UniqueParams>] = [
        .bool("return_index", \.returnIndex), .bool("return_inverse", \.returnInverse),
        .bool("return_counts", \.returnCounts), .optionalInt("axis", \.axis),
    ]
    var outputCount: Int { 1 + (returnIndex ? 1 : 0) + (returnInverse ? 1 : 0) + (returnCounts ? 1 : 0) }
}

/// Parameters of the internal `_sort_scatter` (the gradient of `sort`).
public struct SortScatterParams: OpParams {
    public var axis: Int? = -1
    public init() {}
    public init(axis: Int?) { self.axis = axis }
    public static let fields: [ParamField<SortScatterParams>] = [.optionalInt("axis", \.axis)]
}

/// The lines a sort works on: the input seen as `(outer, length, inner)`.
struct SortLines {
    let outer: Int, length: Int, inner: Int

    init(_ shape: [Int], axis: Int?) throws {
        guard let axis else { (outer, length, inner) = (1, Shape.count(shape), 1); return }
        let a = try Shape.axis(axis, ndim: shape.count)
        outer = Shape.count(Array(shape[..<a])); length = shape[a]; inner = Shape.count(Array(shape[(a + 1)...]))
    }

    static func outputShape(_ x: [Int], axis: Int?) throws -> [Int] {
        guard let axis else { return [Shape.count(x)] }
        _ = try Shape.axis(axis, ndim: x.count)
        return x
    }
}

extension Ops {
    static let sort = Operator(
        "_npi_sort", aliases: ["sort"], display: "sort", params: SortParams.self, inputs: { _ in ["data"] },
        shape: { s, p in
            guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
            return [try SortLines.outputShape(x, axis: p.axis)]
        }, type: { t, _ in
            let d = try Rules.boolAsUInt8(&t)
            return [d]
        }, forward: { c in
            let x = c.inputs[0]
            try withOutput(c.outputs[0], as: x.dtype) { o in
                try x.dispatch(SortKernel(input: x, values: o, indices: nil,
                                          lines: try SortLines(x.shape, axis: c.params.axis), ascending: c.params.isAscend))
            }
        }, gradient: { g in
            let x = g.inputs[0], p = g.params
            let order = try np.argsort(x, axis: p.axis, descending: !p.isAscend)
            let d = try Imperative.call(Ops.sortScatter, [g.outputGradients[0], order], SortScatterParams(axis: p.axis))
            return [try np.reshape(d, x.shape)]
        })

    static let argsort = Operator(
        "_npi_argsort", aliases: ["argsort"], display: "argsort", params: ArgsortParams.self, inputs: { _ in ["data"] },
        shape: { s, p in
            guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
            return [try SortLines.outputShape(x, axis: p.axis)]
        }, type: { t, p in
            if t[0] == .bool { t[0] = .uint8 }
            return [p.dtype]
        }, forward: { c in
            let x = c.inputs[0]
            try withOutput(c.outputs[0], as: .int64) { o in
                try x.dispatch(SortKernel(input: x, values: nil, indices: o,
                                          lines: try SortLines(x.shape, axis: c.params.axis), ascending: c.params.isAscend))
            }
        }, gradient: nil)

    /// Gradient of `sort`: `out[..., order[i], ...] = grad[..., i, ...]` along the sorted axis.
    static let sortScatter = Operator(
        "_backward_sort_scatter", display: "sort", params: SortScatterParams.self, inputs: { _ in ["grad", "order"] },
        widensHalfPrecision: false, shape: { s, _ in
            guard let g = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
            s[1] = g
            return [g]
        }, type: { t, _ in t[1] = .int64; return [t[0] ?? .float32] },
        forward: { c in
            let (g, order, out) = (c.inputs[0], c.inputs[1].pointer(Int64.self), c.outputs[0])
            let lines = try SortLines(g.shape, axis: c.params.axis)
            let size = g.dtype.size
            for i in 0..<g.count where order[i] < 0 || order[i] >= Int64(lines.length) {
                throw MXNetError("order index \(order[i]) is out of range for an axis of size \(lines.length)")
            }
            for b in 0..<lines.outer {
                for j in 0..<lines.inner {
                    for i in 0..<lines.length {
                        let src = (b * lines.length + i) * lines.inner + j
                        let dst = (b * lines.length + Int(order[src])) * lines.inner + j
                        (out.data + dst * size).copyMemory(from: g.data + src * size, byteCount: size)
                    }
                }
            }
        }, gradient: nil)

    static let unique = Operator(
        "_npi_unique", display: "unique", params: UniqueParams.self, inputs: { _ in ["data"] },
        outputs: \.outputCount,
        shape: { s, p in
            guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
            if let axis = p.axis { _ = try Shape.axis(axis, ndim: x.count) }
            // The true sizes depend on the values (see `valueShape`); these are upper bounds.
            let n = p.axis.map { x[$0 < 0 ? $0 + x.count : $0] } ?? Shape.count(x)
            return [p.axis == nil ? [n] : x] + [[Int]](repeating: [n], count: p.outputCount - 1)
        }, type: { t, p in
            let d = try Rules.boolAsUInt8(&t)
            return [d] + [DType](repeating: .int64, count: p.outputCount - 1)
        }, forward: { c in
            let u = try UniqueComputation(c.inputs[0], axis: c.params.axis)
            u.write(c.outputs, c.params)
        }, gradient: nil,
        valueShape: { t, p in try UniqueComputation(t[0], axis: p.axis).shapes(p) })

    static let nonzero = Operator(
        "_npx_nonzero", aliases: ["_npi_nonzero"], display: "nonzero", params: NoParams.self, inputs: { _ in ["x"] },
        shape: { s, _ in
            guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
            return [[Shape.count(x), Swift.max(x.count, 1)]]
        }, type: { t, _ in t[0] = .bool; return [.int64] },
        forward: { c in
            let x = c.inputs[0], o = c.outputs[0].pointer(Int64.self)
            let shape = x.ndim == 0 ? [1] : x.shape
            let nd = shape.count, strides = Shape.strides(shape)
            let p = x.pointer(Bool.self)
            var k = 0
            for i in 0..<x.count where p[i] {
                var r = i
                for d in 0..<nd { o[k * nd + d] = Int64(r / strides[d]); r %= strides[d] }
                k += 1
            }
        }, gradient: nil,
        valueShape: { t, _ in
            let x = t[0]
            let flags = Storage(uninitializedByteCount: Swift.max(x.count, 1))
            let b = TensorRef(data: flags.data, shape: x.shape, dtype: .bool)
            convertElements(x, b)
            let p = b.pointer(Bool.self)
            var k = 0
            for i in 0..<x.count where p[i] { k += 1 }
            return [[k, Swift.max(x.ndim, 1)]]
        })

    static var sorting: [Operator] { [sort, argsort, sortScatter, unique, nonzero] }
}

/// The unique values (or unique slices along an axis) of an array, computed from its data.
struct UniqueComputation {
    let x: TensorRef
    /// The input with the unique axis moved to the front (rows), as compared.
    let rows: TensorRef
    let perm: [Int]
    let width: Int
    let result: UniqueRows
    private let keep: [Storage]

    init(_ input: TensorRef, axis: Int?) throws {
        var keep: [Storage] = []
        // Compare in a dtype the sort kernels take: bool as bytes, half precision widened.
        var x = input
        if x.dtype == .bool { x = x.asUInt8 }
        if x.dtype == .float16 || x.dtype == .bfloat16 {
            let s = Storage(uninitializedByteCount: x.count * 4)
            let w = TensorRef(data: s.data, shape: x.shape, dtype: .float32)
            convertElements(x, w)
            keep.append(s); x = w
        }
        var rows = x, perm: [Int] = []
        if let axis {
            let a = try Shape.axis(axis, ndim: x.ndim)
            perm = [a] + x.shape.indices.filter { $0 != a }
            let s = Storage(uninitializedByteCount: x.count * x.dtype.size)
            rows = TensorRef(data: s.data, shape: perm.map { x.shape[$0] }, dtype: x.dtype)
            permuteElements(x, rows, perm)
            keep.append(s)
        }
        let n = perm.isEmpty ? x.count : x.shape[perm[0]]
        width = n == 0 ? 0 : rows.count / n
        result = try rows.dispatchResult(UniqueRowsKernel(input: rows, rows: n, width: width))
        self.x = input; self.rows = rows; self.perm = perm; self.keep = keep
    }

    func shapes(_ p: UniqueParams) -> [[Int]] {
        let k = result.first.count
        var values = [k]
        if !perm.isEmpty { values = x.shape; values[perm[0]] = k }
        let n = result.inverse.count
        var out = [values]
        if p.returnIndex { out.append([k]) }
        if p.returnInverse { out.append([n]) }
        if p.returnCounts { out.append([k]) }
        return out
    }

    /// Writes the unique values (in the input's dtype) and the requested index outputs.
    func write(_ outputs: [TensorRef], _ p: UniqueParams) {
        let k = result.first.count
        let srcRows = TensorRef(data: rows.data, shape: rows.shape, dtype: rows.dtype)
        let t = Storage(uninitializedByteCount: Swift.max(k * width * srcRows.dtype.size, 1))
        let rowBytes = width * srcRows.dtype.size
        for (u, row) in result.first.enumerated() {
            (t.data + u * rowBytes).copyMemory(from: srcRows.data + row * rowBytes, byteCount: rowBytes)
        }
        let picked = TensorRef(data: t.data, shape: [k] + Array(rows.shape.dropFirst()), dtype: srcRows.dtype)
        var valueShape = [k]
        if !perm.isEmpty { valueShape = x.shape; valueShape[perm[0]] = k }
        let values = TensorRef(data: outputs[0].data, shape: valueShape, dtype: outputs[0].dtype)
        if perm.isEmpty {
            convertElements(TensorRef(data: t.data, shape: valueShape, dtype: srcRows.dtype), values)
        } else if picked.dtype == values.dtype {
            permuteElements(picked, values, Ops.inversePermutation(perm))
        } else {
            let u = Storage(uninitializedByteCount: Swift.max(picked.count * picked.dtype.size, 1))
            let back = TensorRef(data: u.data, shape: valueShape, dtype: picked.dtype)
            permuteElements(picked, back, Ops.inversePermutation(perm))
            convertElements(back, values)
        }
        var k2 = 1
        func put(_ v: [Int]) {
            let o = outputs[k2].pointer(Int64.self)
            for (i, e) in v.enumerated() { o[i] = Int64(e) }
            k2 += 1
        }
        if p.returnIndex { put(result.first) }
        if p.returnInverse { put(result.inverse) }
        if p.returnCounts { put(result.counts) }
    }
}
