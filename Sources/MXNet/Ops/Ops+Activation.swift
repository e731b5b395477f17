/// Parameters of `Activation` / `_npx_activation`.
public struct ActivationParams: OpParams {
    /// MXNet 1.9.1's five types plus MXNet 2.0's `log_sigmoid` and `mish`.
    public enum ActType: String, CaseIterable {
        case relu, sigmoid, tanh, softrelu, softsign
        case logSigmoid = "log_sigmoid"
        case mish
    }
    public var actType = ActType.relu
    public init() {}
    public init(_ actType: ActType) { self.actType = actType }
    public static let fields: [ParamField<ActivationParams>] = [.choice("act_type", \.actType, required: true)]
}

/// Parameters of `LeakyReLU` / `_npx_leaky_relu`.
public struct LeakyReLUParams: OpParams {
    /// `gelu` is the erf form (MXNet 1.9.1's `gelu`, MXNet 2.0's `gelu_erf`); `gelu_tanh` the tanh approximation.
    public enum ActType: String, CaseIterable {
        case leaky, prelu, rrelu, elu, selu, gelu
        case geluErf = "gelu_erf"
        case geluTanh = "gelu_tanh"
    }
    public var actType = ActType.leaky
    /// Negative slope of `leaky`, scale of `elu`.
    public var slope = 0.25
    /// RReLU's slope is drawn from [lower_bound, upper_bound) in training, their mean in inference.
    public var lowerBound = 0.125
    public var upperBound = 0.334
    public init() {}
    public init(_ actType: ActType, slope: Double = 0.25, lowerBound: Double = 0.125, upperBound: Double = 0.334) {
        self.actType = actType; self.slope = slope; self.lowerBound = lowerBound; self.upperBound = upperBound
    }
    public static let fields: [ParamField<LeakyReLUParams>] = [
        .choice("act_type", \.actType), .double("slope", \.slope), .double("lower_bound", \.lowerBound),
        .double("upper_bound", \.upperBound),
    ]

    /// RReLU's inference slope.
    var meanSlope: Double { (lowerBound + upperBound) / 2 }

    /// PReLU's gamma aligned to data: gamma's trailing axes match data's axes 0 and 1 (MXNet's rule), others are 1.
    static func expandedGammaShape(_ gamma: [Int], data: [Int]) throws -> [Int] {
        var result = [Int](repeating: 1, count: data.count)
        var s = gamma.count - 1
        for i in stride(from: data.count - 1, through: 0, by: -1) where s >= 0 && i <= 1 {
            if data[i] == gamma[s] || gamma[s] == 1 { result[i] = gamma[s]; s -= 1 }
        }
        guard s == -1 else {
            throw MXNetError("gamma of shape \(Shape.text(gamma)) cannot broadcast to data of shape \(Shape.text(data))")
        }
        return result
    }
}

/// Parameters of `hard_sigmoid`: `clip(alpha · x + beta, 0, 1)`.
public struct HardSigmoidParams: OpParams {
    public var alpha = 0.2
    public var beta = 0.5
    public init() {}
    public init(alpha: Double = 0.2, beta: Double = 0.5) { self.alpha = alpha; self.beta = beta }
    public static let fields: [ParamField<HardSigmoidParams>] = [.double("alpha", \.alpha), .double("beta", \.beta)]
}

extension Ops {
    // MARK: - Activation

    static let activation = Operator(
        "_npx_activation", aliases: ["Activation"], display: "Activation", params: ActivationParams.self,
        inputs: { _ in ["data"] }, shape: Rules.sameShape, partialShape: Rules.sameShapePartial,
        type: { t, _ in [try Rules.floatData(t)] },
        forward: { c in
            let x = c.inputs[0], o = c.outputs[0]
            switch c.params.actType {
            case .relu: try x.dispatchFloat(UnaryKernel<ReluF>(x: x, out: o))
            case .sigmoid: try x.dispatchFloat(UnaryKernel<SigmoidF>(x: x, out: o))
            case .tanh: try x.dispatchFloat(UnaryKernel<TanhF>(x: x, out: o))
            case .softrelu: try x.dispatchFloat(UnaryKernel<SoftReluF>(x: x, out: o))
            case .softsign: try x.dispatchFloat(UnaryKernel<SoftsignF>(x: x, out: o))
            case .logSigmoid: try x.dispatchFloat(UnaryKernel<LogSigmoidF>(x: x, out: o))
            case .mish: try x.dispatchFloat(UnaryKernel<MishF>(x: x, out: o))
            }
        },
        gradient: { g in
            [try Imperative.call(Ops.activationBackward, [g.outputGradients[0], g.inputs[0], g.outputs[0]], g.params)]
        })

    /// `(out_grad, data, out) -> d_data`.
    static let activationBackward = Operator(
        "_backward_Activation", display: "Activation backward", params: ActivationParams.self,
        inputs: { _ in ["out_grad", "data", "out"] }, shape: Rules.sameShape, partialShape: Rules.sameShapePartial,
        type: { t, _ in
            let d = try Rules.floatData(t, "out_grad")
            t = t.map { _ in d }
            return [d]
        },
        forward: { c in
            let (g, x, y, o) = (c.inputs[0], c.inputs[1], c.inputs[2], c.outputs[0])
            func run<F: ActivationFunctor>(_: F.Type) throws {
                try g.dispatchFloat(ActivationBackwardKernel<F>(outGrad: g, x: x, y: y, dx: o))
            }
            switch c.params.actType {
            case .relu: try run(ReluF.self)
            case .sigmoid: try run(SigmoidF.self)
            case .tanh: try run(TanhF.self)
            case .softrelu: try run(SoftReluF.self)
            case .softsign: try run(SoftsignF.self)
            case .logSigmoid: try run(LogSigmoidF.self)
            case .mish: try run(MishF.self)
            }
        },
        gradient: nil)

    // MARK: - LeakyReLU

    static let leakyReLU = Operator(
        "_npx_leaky_relu", aliases: ["LeakyReLU"], display: "LeakyReLU", params: LeakyReLUParams.self,
        inputs: { $0.actType == .prelu ? ["data", "gamma"] : ["data"] },
        outputs: { $0.actType == .rrelu ? 2 : 1 }, random: true,
        shape: { s, p in
            guard let d = s[0] else { throw MXNetError.unknownShape("data shape is unknown") }
            if p.actType == .prelu {
                if s[1] == nil { s[1] = d.count >= 2 ? [d[1]] : [1] }
                _ = try LeakyReLUParams.expandedGammaShape(s[1]!, data: d)
            }
            return p.actType == .rrelu ? [d, d] : [d]
        },
        partialShape: { c in
            // Forward only, as MXNet; PReLU's unknown gamma is per channel.
            guard let d = c.inputs[0] else { return }
            if c.params.actType == .prelu && c.inputs[1] == nil { c.inputs[1] = d.count >= 2 ? [d[1]] : [1] }
            try Rules.dataShapePartial(&c)
        },
        type: { t, p in
            let d = try Rules.floatData(t)
            t = t.map { _ in d }
            return p.actType == .rrelu ? [d, d] : [d]
        },
        forward: { c in
            let x = c.inputs[0], o = c.outputs[0], p = c.params
            switch p.actType {
            case .prelu:
                let gamma = c.inputs[1]
                let expanded = TensorRef(data: gamma.data, shape: try LeakyReLUParams.expandedGammaShape(gamma.shape, data: x.shape),
                                         dtype: gamma.dtype)
                try x.dispatchFloat(SlopeForwardKernel(x: x, slope: expanded, out: o))
            case .rrelu where c.context.isTraining:
                let mask = c.outputs[1]
                switch mask.dtype {
                case .float64: RandomGenerator.fillUniform(mask.pointer(Double.self), count: mask.count,
                                                                low: p.lowerBound, high: p.upperBound)
                default: RandomGenerator.fillUniform(mask.pointer(Float.self), count: mask.count,
                                                          low: p.lowerBound, high: p.upperBound)
                }
                try x.dispatchFloat(SlopeForwardKernel(x: x, slope: mask, out: o))
            case .rrelu:
                fill(c.outputs[1], p.meanSlope)
                try x.dispatchFloat(LeakyForwardKernel(x: x, out: o, type: .leaky, slope: p.meanSlope))
            default:
                try x.dispatchFloat(LeakyForwardKernel(x: x, out: o, type: p.actType, slope: p.slope))
            }
        },
        gradient: { g in
            let p = g.params, dy = g.outputGradients[0]
            switch p.actType {
            case .prelu:
                let grads = try Imperative.invoke(Ops.leakyReLUBackward, [dy, g.inputs[0], g.inputs[1]], p)
                return [grads[0], grads[1]]
            case .rrelu:
                return [try Imperative.call(Ops.leakyReLUBackward, [dy, g.outputs[0], g.outputs[1]], p)]
            default:
                return [try Imperative.call(Ops.leakyReLUBackward, [dy, g.inputs[0], g.outputs[0]], p)]
            }
        })

    /// `prelu: (out_grad, data, gamma) -> (d_data, d_gamma)`; `rrelu: (out_grad, out, mask) -> d_data`;
    /// others: `(out_grad, data, out) -> d_data`.
    static let leakyReLUBackward = Operator(
        "_backward_LeakyReLU", display: "LeakyReLU backward", params: LeakyReLUParams.self,
        inputs: { p in
            switch p.actType {
            case .prelu: return ["out_grad", "data", "gamma"]
            case .rrelu: return ["out_grad", "out", "mask"]
            default: return ["out_grad", "data", "out"]
            }
        },
        outputs: { $0.actType == .prelu ? 2 : 1 },
        shape: { s, p in
            guard let d = s[0] else { throw MXNetError.unknownShape("out_grad shape is unknown") }
            if p.actType == .prelu, let gs = s[2] { return [d, gs] }
            return [d]
        },
        type: { t, p in
            let d = try Rules.floatData(t, "out_grad")
            t = t.map { _ in d }
            return p.actType == .prelu ? [d, d] : [d]
        },
        forward: { c in
            let g = c.inputs[0], p = c.params
            switch p.actType {
            case .prelu:
                let x = c.inputs[1], gamma = c.inputs[2]
                let expanded = try LeakyReLUParams.expandedGammaShape(gamma.shape, data: x.shape)
                let full = Storage(uninitializedByteCount: x.count * x.dtype.size)
                let fullRef = TensorRef(data: full.data, shape: x.shape, dtype: x.dtype)
                try g.dispatchFloat(PReluBackwardKernel(
                    outGrad: g, x: x, gamma: TensorRef(data: gamma.data, shape: expanded, dtype: gamma.dtype),
                    dx: c.outputs[0], dgammaFull: fullRef))
                let dgamma = TensorRef(data: c.outputs[1].data, shape: expanded, dtype: c.outputs[1].dtype)
                let reduced = zip(x.shape, expanded).map { $0 != $1 }
                try fullRef.dispatchFloat(ReduceKernel(input: fullRef, out: dgamma, reduced: reduced, SumR()))
                withExtendedLifetime(full) {}
            case .rrelu:
                try g.dispatchFloat(SlopeBackwardKernel(outGrad: g, y: c.inputs[1], slope: c.inputs[2], dx: c.outputs[0]))
            default:
                try g.dispatchFloat(LeakyBackwardKernel(outGrad: g, x: c.inputs[1], y: c.inputs[2], dx: c.outputs[0],
                                                        type: p.actType, slope: p.slope))
            }
        },
        gradient: nil)

    // MARK: - hard_sigmoid

    static let hardSigmoid = Operator(
        "hard_sigmoid", display: "hard_sigmoid", params: HardSigmoidParams.self, inputs: { _ in ["data"] },
        shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: { t, _ in [try Rules.floatData(t)] },
        forward: { c in
            try c.inputs[0].dispatchFloat(HardSigmoidKernel(x: c.inputs[0], out: c.outputs[0],
                                                            alpha: c.params.alpha, beta: c.params.beta))
        },
        gradient: { g in [try Imperative.call(hardSigmoidBackward, [g.outputGradients[0], g.inputs[0]], g.params)] })

    /// `(out_grad, data) -> d_data`.
    static let hardSigmoidBackward = Operator(
        "_backward_hard_sigmoid", display: "hard_sigmoid backward", params: HardSigmoidParams.self,
        inputs: { _ in ["out_grad", "data"] }, shape: Rules.sameShape, partialShape: Rules.sameShapePartial,
        type: { t, _ in
            let d = try Rules.floatData(t, "out_grad")
            t = t.map { _ in d }
            return [d]
        },
        forward: { c in
            try c.inputs[0].dispatchFloat(HardSigmoidBackwardKernel(outGrad: c.inputs[0], x: c.inputs[1], dx: c.outputs[0],
                                                                    alpha: c.params.alpha, beta: c.params.beta))
        },
        gradient: nil)

    static var activations: [Operator] {
        [activation, activationBackward, leakyReLU, leakyReLUBackward, hardSigmoid, hardSigmoidBackward]
    }
}
