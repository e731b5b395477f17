/// Parameters of the inference-only fused convolution: a `Convolution`'s parameters, and what its epilogue
/// also does — add a residual input of the output's shape (`with_sum`), then ReLU (`with_act`).
public struct FusedConvolutionParams: OpParams {
    public var conv = ConvolutionParams()
    public var withSum = false
    public var withReLU = false
    public init() {}
    public static let fields: [ParamField<FusedConvolutionParams>] =
        ConvolutionParams.fields.map { f in
            ParamField(f.name, required: f.required, parse: { p, s in try f.parse(&p.conv, s) }, format: { f.format($0.conv) })
        } + [.bool("with_sum", \.withSum), .bool("with_act", \.withReLU)]
}

extension Ops {
    /// `Convolution` followed by `+ residual` and/or ReLU, made by ``InferenceFusion`` from loaded graphs (as
    /// MXNet's oneDNN subgraph backend makes `_sg_mkldnn_conv`); the epilogue runs while the output is in cache.
    /// Inputs: data, weight, bias (unless `no_bias`), residual (with `with_sum`). Inference only: no gradient.
    static let fusedConvolution: Operator = Operator(
        "_fused_convolution", display: "Convolution (fused)", params: FusedConvolutionParams.self,
        inputs: { convolutionInputs($0.conv.noBias) + ($0.withSum ? ["residual"] : []) },
        shape: { s, p in
            guard let data = s[0] else { throw MXNetError.unknownShape("the shape of 'data' is unknown") }
            let c = try p.conv.convolution(data)
            try fillParameterShape(&s[1], c.weight, "weight")
            if !p.conv.noBias { try fillParameterShape(&s[2], c.bias, "bias") }
            if p.withSum { try fillParameterShape(&s[s.count - 1], c.out, "residual") }
            return [c.out]
        },
        type: Rules.sameType,
        forward: { c in
            let p = c.params
            try c.outputs[0].dispatchFloat(ConvolutionForward(
                plan: try p.conv.convolution(c.inputs[0].shape).plan, data: c.inputs[0], weight: c.inputs[1],
                bias: p.conv.noBias ? nil : c.inputs[2], out: c.outputs[0],
                residual: p.withSum ? c.inputs[c.inputs.count - 1] : nil, relu: p.withReLU))
        },
        gradient: nil)

}
