/// Parameters of MXNet 1.x `LRN` (local response normalisation across channels).
public struct LRNParams: OpParams {
    public var alpha = 1e-4
    public var beta = 0.75
    public var knorm = 2.0
    /// The window width in channels.
    public var nsize = 1
    public init() {}
    public init(nsize: Int, alpha: Double = 1e-4, beta: Double = 0.75, knorm: Double = 2) {
        self.nsize = nsize; self.alpha = alpha; self.beta = beta; self.knorm = knorm
    }
    public static let fields: [ParamField<LRNParams>] = [
        .double("alpha", \.alpha), .double("beta", \.beta), .double("knorm", \.knorm),
        .int("nsize", \.nsize, required: true),
    ]
}

extension Ops {
    static func lrnShape(_ s: [[Int]?], _ p: LRNParams) throws -> [Int] {
        let d = try knownShape(s, 0, "data")
        guard d.count == 4 else { throw MXNetError("data must be 4-d (N, C, H, W), got \(Shape.text(d))") }
        guard p.nsize >= 1, p.nsize <= 1 << 20 else { throw MXNetError("nsize must be in 1...\(1 << 20), got \(p.nsize)") }
        return d
    }

    /// Outputs the normalised data and (hidden) the normaliser `knorm + alpha / nsize · Σ x²`.
    static let lrn = Operator(
        "LRN", display: "LRN", params: LRNParams.self, inputs: { _ in ["data"] },
        outputs: { _ in 2 }, visibleOutputs: { _ in 1 },
        shape: { s, p in
            let d = try lrnShape(s, p)
            return [d, d]
        },
        type: { t, _ in
            let d = try Rules.floatData(t)
            return [d, d]
        },
        forward: { c in
            let p = c.params
            try c.inputs[0].dispatchFloat(LRNForwardKernel(x: c.inputs[0], out: c.outputs[0], norm: c.outputs[1],
                                                           alpha: p.alpha, beta: p.beta, knorm: p.knorm, size: p.nsize))
        },
        gradient: { g in
            [try Imperative.call(lrnBackward, [g.outputGradients[0], g.inputs[0], g.outputs[1]], g.params)]
        })

    /// `(out_grad, data, norm) -> d_data`.
    static let lrnBackward = Operator(
        "_backward_LRN", display: "LRN backward", params: LRNParams.self, inputs: { _ in ["out_grad", "data", "tmp_norm"] },
        shape: { s, p in [try lrnShape([s[1]], p)] },
        type: { t, _ in
            let d = try Rules.floatData(t, "out_grad")
            for i in t.indices { t[i] = d }
            return [d]
        },
        forward: { c in
            let p = c.params
            try c.inputs[0].dispatchFloat(LRNBackwardKernel(outGrad: c.inputs[0], x: c.inputs[1], norm: c.inputs[2],
                                                            dx: c.outputs[0], alpha: p.alpha, beta: p.beta, size: p.nsize))
        },
        gradient: nil)

    static var localResponseNorm: [Operator] { [lrn, lrnBackward] }
}
