/// Parameters of `_contrib_SyncBatchNorm` (batch norm over axis 1 whose statistics MXNet shares across `ndev`
/// devices; on one device it is `BatchNorm`).
public struct SyncBatchNormParams: OpParams {
    public var eps = 1e-3
    public var momentum = 0.9
    public var fixGamma = true
    public var useGlobalStats = false
    public var outputMeanVar = false
    /// The number of devices sharing statistics (accepted; there is one device here).
    public var ndev = 1
    /// The key that pairs the devices' operators (accepted, unused).
    public var key = ""
    public init() {}
    public static let fields: [ParamField<SyncBatchNormParams>] = [
        .double("eps", \.eps), .double("momentum", \.momentum), .bool("fix_gamma", \.fixGamma),
        .bool("use_global_stats", \.useGlobalStats), .bool("output_mean_var", \.outputMeanVar), .int("ndev", \.ndev),
        .string("key", \.key, required: true),
    ]

    /// The equivalent `BatchNorm` parameters.
    var batchNorm: BatchNormParams {
        var p = BatchNormParams()
        p.eps = eps; p.momentum = momentum; p.fixGamma = fixGamma; p.useGlobalStats = useGlobalStats
        p.outputMeanVar = outputMeanVar
        return p
    }
}

extension Ops {
    /// An op that runs `BatchNorm`'s shape and dtype rules, kernel and gradient with parameters `convert(p)`.
    /// With `relu` it applies a ReLU to the normalised output; with `varianceOutput` its third output is the batch
    /// variance (SyncBatchNorm) instead of the inverse standard deviation, which moves to a fourth, hidden output.
    static func batchNormVariant<P: OpParams>(_ name: String, display: String, params: P.Type, relu: Bool = false,
                                              varianceOutput: Bool = false,
                                              convert: @escaping (P) -> BatchNormParams) -> Operator {
        Operator(
            name, display: display, params: P.self, inputs: { _ in ["data", "gamma", "beta", "moving_mean", "moving_var"] },
            outputs: { _ in varianceOutput ? 4 : 3 }, visibleOutputs: { convert($0).outputMeanVar ? 3 : 1 },
            auxInputs: { _ in 2 }, mutatedInputs: [3, 4],
            shape: { s, p in
                let out = try batchNorm.shapeFn(&s, convert(p))
                return varianceOutput ? out + [out[2]] : out
            },
            partialShape: { c in
                var outs = Array(c.outputs.prefix(3))
                try batchNorm.inferPartialShape(inputs: &c.inputs, outputs: &outs, convert(c.params), spelling: "BatchNorm")
                c.outputs.replaceSubrange(0..<3, with: outs)
                if varianceOutput { try PartialShape.assign(&c.outputs[3], outs[2], "output 3") }
            },
            type: { t, p in
                let out = try batchNorm.typeFn(&t, convert(p))
                return varianceOutput ? out + [out[2]] : out
            },
            forward: { c in
                let o = c.outputs, p = convert(c.params)
                try batchNorm.forwardFn(KernelCall(inputs: c.inputs, outputs: varianceOutput ? [o[0], o[1], o[3]] : o,
                                                   params: p, context: c.context))
                if relu { try o[0].dispatchFloat(UnaryKernel<ReluF>(x: o[0], out: o[0])) }
                if varianceOutput { try o[3].dispatchFloat(InvStdToVariance(invstd: o[3], variance: o[2], eps: p.eps)) }
            },
            gradient: { g in
                var dy = g.outputGradients[0]
                if relu { dy = try np.multiply(dy, np.astype(np.greater(g.outputs[0], 0), dy.dtype)) }
                guard let rule = batchNorm.gradientFn else { return [] }
                let o = g.outputs
                return try rule(GradientCall(inputs: g.inputs, outputs: varianceOutput ? [o[0], o[1], o[3]] : o,
                                             outputGradients: [dy] + g.outputGradients.dropFirst().prefix(2), params: convert(g.params)))
            })
    }

    /// `BatchNorm` followed by ReLU, as one op (MXNet 1.x `gluon.nn.BatchNormReLU`).
    static let batchNormWithReLU = batchNormVariant(
        "_contrib_BatchNormWithReLU", display: "BatchNormWithReLU", params: BatchNormParams.self, relu: true) { $0 }

    /// `SyncBatchNorm` on a single device: `BatchNorm` over axis 1.
    static let syncBatchNorm = batchNormVariant(
        "_contrib_SyncBatchNorm", display: "SyncBatchNorm", params: SyncBatchNormParams.self, varianceOutput: true
    ) { $0.batchNorm }

    static var batchNormVariants: [Operator] { [batchNormWithReLU, syncBatchNorm] }
}

/// `variance = 1 / invstd² - eps`.
private struct InvStdToVariance: FloatVisitor {
    let invstd: TensorRef, variance: TensorRef, eps: Double
    func float<T: KernelFloat>(_: T.Type) {
        let e = T(eps)
        mapUnary(invstd.pointer(T.self), variance.pointer(T.self), invstd.count) { 1 / ($0 * $0) - e }
    }
}
