/// Parameters of `Embedding`: a lookup table of `input_dim` rows of `output_dim` values.
public struct EmbeddingParams: OpParams {
    public var inputDim = 0
    public var outputDim = 0
    public var dtype = DType.float32
    /// Accepted for compatibility; gradients are always dense here.
    public var sparseGrad = false
    public init() {}
    public init(inputDim: Int, outputDim: Int, dtype: DType = .float32) {
        self.inputDim = inputDim; self.outputDim = outputDim; self.dtype = dtype
    }
    public static let fields: [ParamField<EmbeddingParams>] = [
        .int("input_dim", \.inputDim, required: true), .int("output_dim", \.outputDim, required: true),
        .dtype("dtype", \.dtype), .bool("sparse_grad", \.sparseGrad),
    ]
}

/// Parameters of `one_hot`.
public struct OneHotParams: OpParams {
    public var depth = 0
    public var onValue = 1.0
    public var offValue = 0.0
    public var dtype = DType.float32
    public init() {}
    public init(depth: Int, onValue: Double = 1, offValue: Double = 0, dtype: DType = .float32) {
        self.depth = depth; self.onValue = onValue; self.offValue = offValue; self.dtype = dtype
    }
    public static let fields: [ParamField<OneHotParams>] = [
        .int("depth", \.depth, required: true), .double("on_value", \.onValue), .double("off_value", \.offValue),
        .dtype("dtype", \.dtype),
    ]
}

extension Ops {
    /// Index inputs are read as float64 (exact for every int32 and for int64 up to 2⁵³), truncated toward zero
    /// like MXNet's casts.
    static let indexType = DType.float64

    /// Rows of `weight` picked by `data` (indices clipped to `[0, input_dim - 1]`).
    static let embedding = Operator(
        "_npx_embedding", aliases: ["Embedding"], display: "Embedding", params: EmbeddingParams.self,
        inputs: { _ in ["data", "weight"] }, widensHalfPrecision: false,
        shape: { s, p in
            let d = try knownShape(s, 0, "data")
            guard p.inputDim > 0, p.outputDim > 0 else {
                throw MXNetError("input_dim and output_dim must be positive, got \(p.inputDim) and \(p.outputDim)")
            }
            try fillParameterShape(&s[1], [p.inputDim, p.outputDim], "weight")
            return [d + [p.outputDim]]
        },
        partialShape: { c in
            // Forward only, as MXNet: data of known rank tells the weight and the output.
            let p = c.params
            guard let d = c.inputs[0], p.inputDim > 0, p.outputDim > 0 else { return }
            try PartialShape.assign(&c.inputs[1], [p.inputDim, p.outputDim], "weight")
            try PartialShape.assign(&c.outputs[0], d + [p.outputDim], "output")
        },
        type: { t, p in
            t[0] = indexType
            let w = t[1] ?? p.dtype
            t[1] = w
            return [w]
        },
        forward: { c in
            let idx = c.inputs[0].pointer(Double.self), w = c.inputs[1], o = c.outputs[0]
            let rowBytes = c.params.outputDim * w.dtype.size, last = c.params.inputDim - 1
            parallelFor(c.inputs[0].count, cost: c.params.outputDim) { lo, hi in
                for i in lo..<hi {
                    let r = clippedIndex(idx[i], last)
                    (o.data + i * rowBytes).copyMemory(from: w.data + r * rowBytes, byteCount: rowBytes)
                }
            }
        },
        gradient: { g in
            [nil, try Imperative.call(embeddingBackward, [g.inputs[0], g.outputGradients[0]], g.params)]
        })

    /// Gradient of `Embedding` with respect to its weight: output-gradient rows added into their index's row.
    static let embeddingBackward = Operator(
        "_backward_Embedding", aliases: [], display: "Embedding backward", params: EmbeddingParams.self,
        inputs: { _ in ["data", "ograd"] },
        shape: { s, p in [[p.inputDim, p.outputDim]] },
        type: { t, _ in
            t[0] = indexType
            guard let d = t[1] else { throw MXNetError.unknownType("dtype of 'ograd' is unknown") }
            return [d]
        },
        forward: { c in
            try c.inputs[1].dispatchFloat(EmbeddingBackwardKernel(indices: c.inputs[0], grad: c.inputs[1], out: c.outputs[0],
                                                                  rows: c.params.inputDim, width: c.params.outputDim))
        }, gradient: nil)

    /// Vectors of `depth` values: `on_value` at each index, `off_value` elsewhere (out-of-range indices give none).
    static let oneHot = Operator(
        "_npx_one_hot", aliases: ["one_hot"], display: "one_hot", params: OneHotParams.self,
        inputs: { _ in ["indices"] }, widensHalfPrecision: false,
        shape: { s, p in
            guard p.depth >= 0 else { throw MXNetError("depth must be non-negative, got \(p.depth)") }
            return [try knownShape(s, 0, "indices") + [p.depth]]
        },
        type: { t, p in t[0] = indexType; return [p.dtype] },
        forward: { c in
            c.outputs[0].dtype.visit(OneHotKernel(indices: c.inputs[0], out: c.outputs[0], depth: c.params.depth,
                                                  on: c.params.onValue, off: c.params.offValue))
        }, gradient: { g in [try np.zerosLike(g.inputs[0])] })

    static var embeddings: [Operator] { [embedding, embeddingBackward, oneHot] }
}

/// `v` truncated toward zero and clipped to `[0, last]`.
@inline(__always)
func clippedIndex(_ v: Double, _ last: Int) -> Int {
    if !(v > 0) { return 0 }  // negatives and NaN
    return v >= Double(last) ? last : Int(v)
}

private struct EmbeddingBackwardKernel: FloatVisitor {
    let indices: TensorRef, grad: TensorRef, out: TensorRef, rows: Int, width: Int
    func float<T: KernelFloat>(_: T.Type) {
        let o = out.pointer(T.self), g = grad.pointer(T.self), idx = indices.pointer(Double.self)
        let n = indices.count, width = width, last = rows - 1
        o.initialize(repeating: 0, count: rows * width)
        // Split by columns so that repeated indices never race.
        parallelFor(width, cost: n) { lo, hi in
            for i in 0..<n {
                let dst = o + clippedIndex(idx[i], last) * width, src = g + i * width
                for k in lo..<hi { dst[k] += src[k] }
            }
        }
    }
}

private struct OneHotKernel: ElementVisitor {
    let indices: TensorRef, out: TensorRef, depth: Int, on: Double, off: Double
    func visit<T: Element>(_: T.Type) {
        let o = out.pointer(T.self), idx = indices.pointer(Double.self)
        let onV = T(fromDouble: on), offV = T(fromDouble: off), depth = depth
        parallelFor(indices.count, cost: depth) { lo, hi in
            for i in lo..<hi {
                let row = o + i * depth
                for k in 0..<depth { row[k] = offV }
                let v = idx[i]
                if v > -1, v < Double(depth) {
                    let k = Int(v)
                    if k >= 0 && k < depth { row[k] = onV }
                }
            }
        }
    }
}
