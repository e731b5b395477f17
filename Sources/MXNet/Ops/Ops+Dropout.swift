/// Parameters of `Dropout` / `_npx_dropout`.
public struct DropoutParams: OpParams {
    /// When dropout is active: in training only, or always.
    public enum Mode: String, CaseIterable { case training, always }
    /// Fraction of elements dropped.
    public var p = 0.5
    public var mode = Mode.training
    /// Axes along which one mask value is shared (variational dropout).
    public var axes: [Int] = []
    /// Accepted for compatibility; there is no cuDNN here.
    public var cudnnOff: Bool? = false
    public init() {}
    public init(p: Double, mode: Mode = .training, axes: [Int] = []) { self.p = p; self.mode = mode; self.axes = axes }
    public static let fields: [ParamField<DropoutParams>] = [
        .double("p", \.p), .choice("mode", \.mode), .ints("axes", \.axes), .optionalBool("cudnn_off", \.cudnnOff),
    ]

    /// The mask's own shape: `data` with the shared axes set to 1.
    func maskShape(_ data: [Int]) throws -> [Int] {
        var s = data
        for a in axes { s[try Shape.axis(a, ndim: data.count, argument: "axes")] = 1 }
        return s
    }
}

extension Ops {
    /// Inverted dropout: in training (or `mode=always`) each element (or each slice across `axes`) is kept with
    /// probability `1 - p` and scaled by `1 / (1 - p)`; otherwise the identity. The hidden second output is the mask
    /// applied (ones when inactive), which the gradient reuses.
    static let dropoutOp = Operator(
        "_npx_dropout", aliases: ["Dropout"], display: "Dropout", params: DropoutParams.self,
        inputs: { _ in ["data"] }, outputs: { _ in 2 }, visibleOutputs: { _ in 1 }, random: true,
        shape: { s, p in
            guard let d = s[0] else { throw MXNetError.unknownShape("data shape is unknown") }
            guard p.p >= 0 && p.p <= 1 else { throw MXNetError("p must be in [0, 1], got \(p.p)") }
            _ = try p.maskShape(d)
            return [d, d]
        },
        partialShape: Rules.dataShapePartial,
        type: { t, _ in
            let d = try Rules.floatData(t)
            return [d, d]
        },
        forward: { c in
            let x = c.inputs[0], out = c.outputs[0], mask = c.outputs[1], p = c.params
            guard (c.context.isTraining || p.mode == .always) && p.p > 0 else {
                convertElements(x, out)
                fill(mask, 1)
                return
            }
            let small = try p.maskShape(x.shape)
            let scratch = small == x.shape ? nil : Storage(uninitializedByteCount: Shape.count(small) * mask.dtype.size)
            let target = scratch.map { TensorRef(data: $0.data, shape: small, dtype: mask.dtype) } ?? mask
            switch mask.dtype {
            case .float64: RandomGenerator.fillBernoulliMask(target.pointer(Double.self), count: target.count, keep: 1 - p.p)
            default: RandomGenerator.fillBernoulliMask(target.pointer(Float.self), count: target.count, keep: 1 - p.p)
            }
            if scratch != nil { copyBroadcast(target, mask) }
            withExtendedLifetime(scratch) {}
            try x.dispatchFloat(BinaryKernel<MulF>(a: x, b: mask, out: out))
        },
        gradient: { g in [try np.multiply(g.outputGradients[0], g.outputs[1])] })

    static var dropout: [Operator] { [dropoutOp] }
}
