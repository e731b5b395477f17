/// Parameters of `FullyConnected`.
public struct FullyConnectedParams: OpParams {
    public var numHidden = 0
    public var noBias = false
    /// Collapse every axis after the first into the input features (else only the last axis is the input).
    public var flatten = true
    public init() {}
    public init(numHidden: Int, noBias: Bool = false, flatten: Bool = true) {
        self.numHidden = numHidden; self.noBias = noBias; self.flatten = flatten
    }
    public static let fields: [ParamField<FullyConnectedParams>] = [
        .int("num_hidden", \.numHidden, required: true), .bool("no_bias", \.noBias), .bool("flatten", \.flatten),
    ]

    /// Rows, input features and output shape for `data`.
    func geometry(_ data: [Int]) throws -> (rows: Int, features: Int, out: [Int]) {
        guard numHidden >= 1 else { throw MXNetError("num_hidden must be positive, got \(numHidden)") }
        guard !data.isEmpty else { throw MXNetError("data must have at least one dimension") }
        if flatten {
            return (data[0], Shape.count(Array(data.dropFirst())), [data[0], numHidden])
        }
        let lead = Array(data.dropLast())
        return (Shape.count(lead), data[data.count - 1], lead + [numHidden])
    }
}

/// `out = data · weightᵀ + bias`: one GEMM onto rows pre-filled with the bias.
private struct FullyConnectedKernel: LinalgVisitor {
    let data: TensorRef, weight: TensorRef, bias: TensorRef?, out: TensorRef
    let rows: Int, features: Int, hidden: Int

    func visit<T: LinalgScalar>(_: T.Type) {
        let o = out.pointer(T.self)
        var beta = 0.0
        if let bias {
            let b = bias.pointer(T.self)
            let hidden = hidden
            parallelFor(rows, cost: hidden) { lo, hi in
                for r in lo..<hi { (o + r * hidden).update(from: b, count: hidden) }
            }
            beta = 1
        }
        let plan = BatchedGEMM(m: rows, n: hidden, k: features, a: MatrixOperand(ld: features),
                               b: MatrixOperand(trans: true, ld: features), ldc: hidden,
                               aOffsets: [0], bOffsets: [0], cOffsets: [0], beta: beta)
        T.gemm(plan, data.pointer(T.self), weight.pointer(T.self), o)
    }
}

extension Ops {
    static let fullyConnected: Operator = Operator(
        "FullyConnected", aliases: ["_npx_fully_connected"], display: "FullyConnected", params: FullyConnectedParams.self,
        inputs: { p in p.noBias ? ["data", "weight"] : ["data", "weight", "bias"] },
        shape: { s, p in
            guard let data = s[0] else { throw MXNetError.unknownShape("the shape of 'data' is unknown") }
            let g = try p.geometry(data)
            try fillParameterShape(&s[1], [p.numHidden, g.features], "weight")
            if !p.noBias { try fillParameterShape(&s[2], [p.numHidden], "bias") }
            return [g.out]
        },
        partialShape: fullyConnectedPartial,
        type: Rules.sameType,
        forward: { c in
            let p = c.params, g = try p.geometry(c.inputs[0].shape)
            try c.outputs[0].dtype.visitLinalg(FullyConnectedKernel(
                data: c.inputs[0], weight: c.inputs[1], bias: p.noBias ? nil : c.inputs[2], out: c.outputs[0],
                rows: g.rows, features: g.features, hidden: p.numHidden))
        },
        gradient: { g in
            let p = g.params, x = g.inputs[0], w = g.inputs[1]
            let geo = try p.geometry(x.shape)
            let d2 = try np.reshape(g.outputGradients[0], [geo.rows, p.numHidden])
            let x2 = try np.reshape(x, [geo.rows, geo.features])
            let dx = try np.reshape(Imperative.call(legacyDot, [d2, w], DotParams()), x.shape)
            let dw = try Imperative.call(legacyDot, [d2, x2], DotParams(transposeA: true, transposeB: false))
            if p.noBias { return [dx, dw] }
            return [dx, dw, try np.sum(d2, axis: [0])]
        })

    /// Partly known data (MXNet 1.x's rule; its rank must be known): the weight, bias and output follow, with
    /// unknown sizes where the data's are unknown; the output's batch size (first axis) tells the data's. An
    /// unknown bias is `(num_hidden,)`.
    static func fullyConnectedPartial(_ c: inout PartialShapeCall<FullyConnectedParams>) throws {
        let p = c.params, u = PartialShape.unknown
        guard let d = c.inputs[0], !d.isEmpty, p.numHidden >= 1 else { return }   // the shape function says why
        let rest = p.flatten ? Array(d.dropFirst()) : [d[d.count - 1]]
        try PartialShape.assign(&c.inputs[1], [p.numHidden, rest.contains(u) ? u : Shape.count(rest)], "weight")
        if !p.noBias { try PartialShape.assign(&c.inputs[2], [p.numHidden], "bias") }
        try PartialShape.assign(&c.outputs[0], (p.flatten ? [d[0]] : Array(d.dropLast())) + [p.numHidden], "output")
        // The first axis is the batch, except for 1-d data without flattening (then the output is one row).
        if let o = c.outputs[0], !o.isEmpty, p.flatten || d.count >= 2 {
            var back = PartialShape.unknownShape(rank: d.count)
            back[0] = o[0]
            try PartialShape.assign(&c.inputs[0], back, "data")
        }
    }

    /// Fills an unknown parameter shape (deferred initialisation) or checks a known one.
    /// - Throws: ``MXNetError`` naming `name` when a known shape differs.
    static func fillParameterShape(_ slot: inout [Int]?, _ expected: [Int], _ name: String) throws {
        if let given = slot {
            guard given == expected else {
                throw MXNetError("'\(name)' has shape \(Shape.text(given)), expected \(Shape.text(expected))")
            }
        } else {
            slot = expected
        }
    }

    static var neuralNetwork: [Operator] {
        [fullyConnected, convolution, convolutionBackward, fusedConvolution, deconvolution, deconvolutionBackward, pooling,
         poolingBackward]
    }
}
