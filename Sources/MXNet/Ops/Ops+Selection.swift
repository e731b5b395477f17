/// Parameters of `pick`: one element along `axis` per position, chosen by an index array.
public struct PickParams: OpParams {
    public enum Mode: String, CaseIterable { case clip, wrap }
    public var axis: Int? = -1
    public var keepdims = false
    public var mode = Mode.clip
    public init() {}
    public init(axis: Int, keepdims: Bool = false, mode: Mode = .clip) {
        self.axis = axis; self.keepdims = keepdims; self.mode = mode
    }
    public static let fields: [ParamField<PickParams>] = [
        .optionalInt("axis", \.axis), .bool("keepdims", \.keepdims), .choice("mode", \.mode),
    ]

    /// (outer, axis length, inner) of `data` around the picked axis, and the index shape.
    func layout(_ data: [Int]) throws -> (outer: Int, n: Int, inner: Int, index: [Int]) {
        guard let axis else { throw MXNetError("axis=None is not supported; give an axis") }
        let a = try Shape.axis(axis, ndim: data.count)
        var index = data
        if keepdims { index[a] = 1 } else { index.remove(at: a) }
        return (Shape.count(Array(data[..<a])), data[a], Shape.count(Array(data[(a + 1)...])), index)
    }
}

/// Parameters of `topk`.
public struct TopKParams: OpParams {
    public enum ReturnType: String, CaseIterable { case value, indices, mask, both }
    /// nil sorts the flattened array.
    public var axis: Int? = -1
    /// Number of elements to keep; 0 or less keeps all.
    public var k = 1
    public var retTyp = ReturnType.indices
    public var isAscend = false
    /// Dtype of the returned indices.
    public var dtype = DType.float32
    public init() {}
    public init(axis: Int?, k: Int, retTyp: ReturnType, isAscend: Bool = false, dtype: DType = .float32) {
        self.axis = axis; self.k = k; self.retTyp = retTyp; self.isAscend = isAscend; self.dtype = dtype
    }
    public static let fields: [ParamField<TopKParams>] = [
        .optionalInt("axis", \.axis), .int("k", \.k), .choice("ret_typ", \.retTyp), .bool("is_ascend", \.isAscend),
        .dtype("dtype", \.dtype),
    ]

    /// (outer, axis length, inner, kept count) and the shape of the value/index outputs.
    func layout(_ data: [Int]) throws -> (outer: Int, n: Int, inner: Int, k: Int, out: [Int]) {
        var outer = 1, n = Shape.count(data), inner = 1
        var axisIndex: Int?
        if let axis {
            let a = try Shape.axis(axis, ndim: data.count)
            (outer, n, inner) = (Shape.count(Array(data[..<a])), data[a], Shape.count(Array(data[(a + 1)...])))
            axisIndex = a
        }
        let kept = k <= 0 ? n : k
        guard kept <= n else { throw MXNetError("k must be at most \(n), got \(k)") }
        var out = [kept]
        if let a = axisIndex { out = data; out[a] = kept }
        return (outer, n, inner, kept, out)
    }
}

extension Ops {
    static let pick = Operator(
        "_npx_pick", aliases: ["pick"], display: "pick", params: PickParams.self,
        inputs: { _ in ["data", "index"] }, widensHalfPrecision: false,
        shape: { s, p in
            let l = try p.layout(try knownShape(s, 0, "data"))
            // MXNet accepts the index with or without the picked axis, whatever `keepdims` says.
            if let given = s[1], given != l.index, Shape.count(given) == Shape.count(l.index),
               given.filter({ $0 != 1 }) == l.index.filter({ $0 != 1 }) {
                return [l.index]
            }
            s[1] = l.index
            return [l.index]
        },
        type: { t, _ in
            guard let d = t[0] else { throw MXNetError.unknownType("dtype of 'data' is unknown") }
            t[1] = indexType
            return [d]
        },
        forward: { c in
            let data = c.inputs[0], o = c.outputs[0], idx = c.inputs[1].pointer(Double.self)
            let l = try c.params.layout(data.shape)
            let size = data.dtype.size, wrap = c.params.mode == .wrap
            parallelFor(l.outer * l.inner) { lo, hi in
                for j in lo..<hi {
                    let (a, b) = (j / l.inner, j % l.inner)
                    let r = pickedIndex(idx[j], l.n, wrap: wrap)
                    (o.data + j * size).copyMemory(from: data.data + ((a * l.n + r) * l.inner + b) * size, byteCount: size)
                }
            }
        },
        gradient: { g in
            [try Imperative.call(pickBackward, [g.outputGradients[0], g.inputs[1], g.inputs[0]], g.params),
             try np.zerosLike(g.inputs[1])]
        })

    /// A gradient that scatters the output gradient into zeros of the data's shape along the op's axis
    /// (inputs: output gradient, indices, data). `scatter` gives the (outer, n, inner, k, wrap) layout.
    static func scatterBackward<P: OpParams>(
        _ name: String, display: String, params: P.Type,
        scatter: @escaping (P, [Int]) throws -> (outer: Int, n: Int, inner: Int, k: Int, wrap: Bool)
    ) -> Operator {
        Operator(
            name, aliases: [], display: display, params: P.self, inputs: { _ in ["ograd", "indices", "data"] },
            shape: { s, _ in [try knownShape(s, 2, "data")] },
            type: { t, _ in
                guard let d = t[0] else { throw MXNetError.unknownType("dtype of 'ograd' is unknown") }
                t[1] = indexType
                return [d]
            },
            forward: { c in
                let l = try scatter(c.params, c.inputs[2].shape)
                try c.inputs[0].dispatchFloat(ScatterKernel(grad: c.inputs[0], indices: c.inputs[1], out: c.outputs[0],
                                                            outer: l.outer, n: l.n, inner: l.inner, k: l.k, wrap: l.wrap))
            }, gradient: nil)
    }

    /// Gradient of `pick`: the output gradient scattered into zeros of the data's shape.
    static let pickBackward = scatterBackward("_backward_pick", display: "pick backward", params: PickParams.self) { p, shape in
        let l = try p.layout(shape)
        return (l.outer, l.n, l.inner, 1, p.mode == .wrap)
    }

    static let topk = Operator(
        "_npx_topk", aliases: ["topk"], display: "topk", params: TopKParams.self, inputs: { _ in ["data"] },
        outputs: { p in p.retTyp == .value || p.retTyp == .both ? 2 : 1 },
        visibleOutputs: { p in p.retTyp == .both ? 2 : 1 },
        shape: { s, p in
            let d = try knownShape(s, 0, "data")
            let l = try p.layout(d)
            switch p.retTyp {
            case .value, .both: return [l.out, l.out]
            case .indices: return [l.out]
            case .mask: return [d]
            }
        },
        type: { t, p in
            guard let d = t[0] else { throw MXNetError.unknownType("dtype of 'data' is unknown") }
            switch p.retTyp {
            case .value, .both: return [d, p.dtype]
            case .indices: return [p.dtype]
            case .mask: return [d]
            }
        },
        forward: { c in
            let l = try c.params.layout(c.inputs[0].shape)
            let p = c.params
            let kernel = TopKKernel(data: c.inputs[0], outer: l.outer, n: l.n, inner: l.inner, k: l.k, ascending: p.isAscend,
                                    values: p.retTyp == .value || p.retTyp == .both ? c.outputs[0] : nil,
                                    indices: p.retTyp == .mask ? nil : c.outputs[p.retTyp == .indices ? 0 : 1],
                                    mask: p.retTyp == .mask ? c.outputs[0] : nil)
            try c.inputs[0].dispatch(kernel)
        },
        gradient: { g in
            let p = g.params
            guard p.retTyp == .value || p.retTyp == .both else { return [try np.zerosLike(g.inputs[0])] }
            return [try Imperative.call(topkBackward, [g.outputGradients[0], g.outputs[1], g.inputs[0]], p)]
        })

    /// Gradient of `topk` values: the output gradient scattered to the positions of the kept elements.
    static let topkBackward = scatterBackward("_backward_topk", display: "topk backward", params: TopKParams.self) { p, shape in
        let l = try p.layout(shape)
        return (l.outer, l.n, l.inner, l.k, false)
    }

    static var selections: [Operator] { [pick, pickBackward, topk, topkBackward] }
}

/// Index `v` (truncated toward zero) into `0..<n`: clipped, or wrapped around.
@inline(__always)
func pickedIndex(_ v: Double, _ n: Int, wrap: Bool) -> Int {
    guard n > 0 else { return 0 }
    if !wrap { return clippedIndex(v, n - 1) }
    guard v.isFinite, Swift.abs(v) < 9e15 else { return 0 }
    let i = Int(v) % n
    return i < 0 ? i + n : i
}

/// `out[a, idx[a, j, b], b] += grad[a, j, b]` over zeros, for `j < k`.
private struct ScatterKernel: FloatVisitor {
    let grad: TensorRef, indices: TensorRef, out: TensorRef
    let outer: Int, n: Int, inner: Int, k: Int, wrap: Bool
    func float<T: KernelFloat>(_: T.Type) {
        let o = out.pointer(T.self), g = grad.pointer(T.self), idx = indices.pointer(Double.self)
        o.initialize(repeating: 0, count: out.count)
        let (n, inner, k, wrap) = (n, inner, k, wrap)
        parallelFor(outer, cost: k * inner) { lo, hi in
            for a in lo..<hi {
                for j in 0..<k {
                    for b in 0..<inner {
                        let src = (a * k + j) * inner + b
                        o[(a * n + pickedIndex(idx[src], n, wrap: wrap)) * inner + b] += g[src]
                    }
                }
            }
        }
    }
}

/// Sorts each line along the axis (stable: ties keep their order) and writes the first `k` values, their indices
/// and/or a mask of them.
private struct TopKKernel: FloatVisitor, IntegerVisitor {
    let data: TensorRef, outer: Int, n: Int, inner: Int, k: Int, ascending: Bool
    let values: TensorRef?, indices: TensorRef?, mask: TensorRef?

    func float<T: KernelFloat>(_: T.Type) { run(T.self) }
    func integer<T: IntegerElement>(_: T.Type) { run(T.self) }

    func run<T: Element & Comparable>(_: T.Type) {
        let x = data.pointer(T.self), (n, inner, k, ascending) = (n, inner, k, ascending)
        let lines = outer * inner
        var picked = [Int64](repeating: 0, count: lines * k)
        let vOut = values?.pointer(T.self), mOut = mask?.pointer(T.self)
        if let mOut { mOut.initialize(repeating: T(fromDouble: 0), count: data.count) }
        let one = T(fromDouble: 1)
        picked.withUnsafeMutableBufferPointer { pk in
            let pk = pk.baseAddress!
            parallelFor(lines, cost: n * 8) { lo, hi in
                var order = [Int](repeating: 0, count: n)
                for line in lo..<hi {
                    let (a, b) = (line / inner, line % inner)
                    let base = a * n * inner + b
                    for i in 0..<n { order[i] = i }
                    order.sort { i, j in
                        let (u, v) = (x[base + i * inner], x[base + j * inner])
                        if u != v { return ascending ? u < v : u > v }
                        return i < j
                    }
                    for j in 0..<k {
                        let src = base + order[j] * inner, dst = (a * k + j) * inner + b
                        pk[dst] = Int64(order[j])
                        if let vOut { vOut[dst] = x[src] }
                        if let mOut { mOut[src] = one }
                    }
                }
            }
        }
        if let indices {
            picked.withUnsafeMutableBytes { raw in
                convertElements(TensorRef(data: raw.baseAddress!, shape: [lines * k], dtype: .int64),
                                TensorRef(data: indices.data, shape: [lines * k], dtype: indices.dtype))
            }
        }
    }
}
