/// Parameters of `softmax`, `log_softmax` and `softmin` (`_npx_softmax`, `_npx_log_softmax`).
public struct SoftmaxParams: OpParams {
    public var axis = -1
    /// Divides the input (nil: 1).
    public var temperature: Double?
    /// Output dtype (nil: the input's).
    public var dtype: DType?
    /// Take a second input `length`: only the first `length` elements along `axis` count; the rest give 0.
    public var useLength: Bool? = false
    public init() {}
    public init(axis: Int = -1, temperature: Double? = nil, dtype: DType? = nil, useLength: Bool = false) {
        self.axis = axis; self.temperature = temperature; self.dtype = dtype; self.useLength = useLength
    }
    public static let fields: [ParamField<SoftmaxParams>] = [
        .int("axis", \.axis), .optionalDouble("temperature", \.temperature), .optionalDType("dtype", \.dtype),
        .optionalBool("use_length", \.useLength),
    ]
    var usesLength: Bool { useLength ?? false }
}

/// Parameters of `SoftmaxActivation`.
public struct SoftmaxActivationParams: OpParams {
    /// `instance`: over the last axis (MXNet flattens to 2-D); `channel`: over axis 1.
    public enum Mode: String, CaseIterable { case instance, channel }
    public var mode = Mode.instance
    public init() {}
    public static let fields: [ParamField<SoftmaxActivationParams>] = [.choice("mode", \.mode)]
}

/// Parameters of `masked_softmax` / `masked_log_softmax` (MXNet 2.0).
public struct MaskedSoftmaxParams: OpParams {
    public var axis = -1
    public var temperature: Double?
    /// Subtract the row maximum first (numerically safe).
    public var normalize: Bool? = true
    public init() {}
    public init(axis: Int = -1, temperature: Double? = nil, normalize: Bool = true) {
        self.axis = axis; self.temperature = temperature; self.normalize = normalize
    }
    public static let fields: [ParamField<MaskedSoftmaxParams>] = [
        .int("axis", \.axis), .optionalDouble("temperature", \.temperature), .optionalBool("normalize", \.normalize),
    ]
}

/// Where a softmax-like op reduces.
protocol SoftmaxLayout: OpParams {
    func view(_ shape: [Int]) throws -> AxisView
    var temperatureValue: Double { get }
}

extension SoftmaxParams: SoftmaxLayout {
    func view(_ shape: [Int]) throws -> AxisView {
        if shape.isEmpty && (axis == 0 || axis == -1) { return AxisView(outer: 1, length: 1, inner: 1) }
        return AxisView(shape: shape, axis: try Shape.axis(axis, ndim: shape.count))
    }
    var temperatureValue: Double { temperature ?? 1 }
}

extension MaskedSoftmaxParams: SoftmaxLayout {
    func view(_ shape: [Int]) throws -> AxisView {
        AxisView(shape: shape, axis: try Shape.axis(axis, ndim: shape.count))
    }
    var temperatureValue: Double { temperature ?? 1 }
}

extension SoftmaxActivationParams: SoftmaxLayout {
    func view(_ shape: [Int]) throws -> AxisView {
        switch mode {
        case .instance:
            guard !shape.isEmpty else { throw MXNetError("data must have at least 1 dimension") }
            return AxisView(outer: Shape.count(Array(shape.dropLast())), length: shape[shape.count - 1], inner: 1)
        case .channel:
            guard shape.count >= 3 else {
                throw MXNetError("mode 'channel' needs data with at least 3 dimensions, got \(Shape.text(shape))")
            }
            return AxisView(shape: shape, axis: 1)
        }
    }
    var temperatureValue: Double { 1 }
}

extension Ops {
    // MARK: - softmax, log_softmax, softmin

    /// softmax-style op: `sign` -1 makes softmin; `log` makes log-softmax.
    static func softmaxOp(_ name: String, aliases: [String], display: String, sign: Double, log: Bool,
                          backward: @escaping () -> Operator) -> Operator {
        Operator(
            name, aliases: aliases, display: display, params: SoftmaxParams.self,
            inputs: { $0.usesLength ? ["data", "length"] : ["data"] },
            shape: { s, p in
                guard let d = s[0] else { throw MXNetError.unknownShape("data shape is unknown") }
                _ = try p.view(d)
                if p.usesLength {
                    var lengthShape = d
                    if !d.isEmpty { lengthShape.remove(at: try Shape.axis(p.axis, ndim: d.count)) }
                    try Rules.fillInput(&s, 1, lengthShape, "length")
                }
                return [d]
            },
            partialShape: { c in
                // MXNet 1.x's log_softmax and softmin also infer their data from their output; softmax does not.
                if !c.params.usesLength && ["log_softmax", "_npx_log_softmax", "softmin"].contains(c.spelling) {
                    try Rules.sameShapePartial(&c)
                } else {
                    try Rules.dataShapePartial(&c)
                }
            },
            type: { t, p in
                let d = try Rules.floatData(t)
                let out = p.dtype ?? d
                t[0] = out
                if p.usesLength {
                    guard let l = t[1] else { throw MXNetError.unknownType("dtype of 'length' is unknown") }
                    guard l.isInteger else { throw MXNetError("length must have an integer dtype, got \(l)") }
                    t[1] = .int64
                }
                return [out]
            },
            forward: { c in
                let x = c.inputs[0], p = c.params
                let validity: SoftmaxValidity = p.usesLength ? .lengths(c.inputs[1].pointer(Int64.self)) : .all
                try x.dispatchFloat(SoftmaxForwardKernel(x: x, out: c.outputs[0], view: try p.view(x.shape),
                                                         scale: sign / p.temperatureValue, log: log,
                                                         validity: validity, normalize: true))
            },
            gradient: { g in
                var inputs = [g.outputGradients[0], g.outputs[0]]
                if g.params.usesLength { inputs.append(g.inputs[1]) }
                var dx = try Imperative.call(backward(), inputs, g.params)
                if dx.dtype != g.inputs[0].dtype { dx = try np.astype(dx, g.inputs[0].dtype) }
                return g.params.usesLength ? [dx, nil] : [dx]
            })
    }

    /// `(out_grad, out[, length]) -> d_data`.
    static func softmaxBackwardOp(_ name: String, display: String, sign: Double, log: Bool) -> Operator {
        Operator(
            name, display: display, params: SoftmaxParams.self,
            inputs: { $0.usesLength ? ["out_grad", "out", "length"] : ["out_grad", "out"] },
            shape: { s, _ in
                guard let d = s[1] else { throw MXNetError.unknownShape("input shapes are unknown") }
                return [d]
            },
            type: { t, p in
                let d = try Rules.floatData(t, "out_grad")
                t[0] = d; t[1] = d
                if p.usesLength { t[2] = .int64 }
                return [d]
            },
            forward: { c in
                let y = c.inputs[1], p = c.params
                let validity: SoftmaxValidity = p.usesLength ? .lengths(c.inputs[2].pointer(Int64.self)) : .all
                try y.dispatchFloat(SoftmaxBackwardKernel(outGrad: c.inputs[0], y: y, dx: c.outputs[0],
                                                          view: try p.view(y.shape), scale: sign / p.temperatureValue,
                                                          log: log, validity: validity))
            },
            gradient: nil)
    }

    static let softmax = softmaxOp("_npx_softmax", aliases: ["softmax"], display: "softmax", sign: 1, log: false) {
        Ops.softmaxBackward
    }
    static let softmaxBackward = softmaxBackwardOp("_backward_softmax", display: "softmax backward", sign: 1, log: false)
    static let logSoftmax = softmaxOp("_npx_log_softmax", aliases: ["log_softmax"], display: "log_softmax", sign: 1,
                                      log: true) { Ops.logSoftmaxBackward }
    static let logSoftmaxBackward = softmaxBackwardOp("_backward_log_softmax", display: "log_softmax backward", sign: 1,
                                                      log: true)
    static let softmin = softmaxOp("softmin", aliases: [], display: "softmin", sign: -1, log: false) { Ops.softminBackward }
    static let softminBackward = softmaxBackwardOp("_backward_softmin", display: "softmin backward", sign: -1, log: false)

    // MARK: - SoftmaxActivation

    static let softmaxActivation = Operator(
        "SoftmaxActivation", display: "SoftmaxActivation", params: SoftmaxActivationParams.self,
        inputs: { _ in ["data"] },
        shape: { s, p in
            guard let d = s[0] else { throw MXNetError.unknownShape("data shape is unknown") }
            _ = try p.view(d)
            return [d]
        },
        partialShape: Rules.sameShapePartial,
        type: { t, _ in [try Rules.floatData(t)] },
        forward: { c in
            let x = c.inputs[0]
            try x.dispatchFloat(SoftmaxForwardKernel(x: x, out: c.outputs[0], view: try c.params.view(x.shape), scale: 1,
                                                     log: false, validity: .all, normalize: true))
        },
        gradient: { g in
            [try Imperative.call(Ops.softmaxActivationBackward, [g.outputGradients[0], g.outputs[0]], g.params)]
        })

    /// `(out_grad, out) -> d_data`.
    static let softmaxActivationBackward = Operator(
        "_backward_SoftmaxActivation", display: "SoftmaxActivation backward", params: SoftmaxActivationParams.self,
        inputs: { _ in ["out_grad", "out"] }, shape: Rules.sameShape, partialShape: Rules.sameShapePartial,
        type: { t, _ in
            let d = try Rules.floatData(t, "out_grad")
            t = t.map { _ in d }
            return [d]
        },
        forward: { c in
            let y = c.inputs[1]
            try y.dispatchFloat(SoftmaxBackwardKernel(outGrad: c.inputs[0], y: y, dx: c.outputs[0],
                                                      view: try c.params.view(y.shape), scale: 1, log: false,
                                                      validity: .all))
        },
        gradient: nil)

    // MARK: - masked_softmax, masked_log_softmax (MXNet 2.0)

    /// Masked softmax: `(data, mask) -> out`, mask broadcast to data; masked-out elements give 0 (or -inf for log).
    static func maskedSoftmaxOp(_ name: String, aliases: [String], display: String, log: Bool,
                                backward: @escaping () -> Operator) -> Operator {
        Operator(
            name, aliases: aliases, display: display, params: MaskedSoftmaxParams.self,
            inputs: { _ in ["data", "mask"] },
            shape: { s, p in
                guard let d = s[0] else { throw MXNetError.unknownShape("data shape is unknown") }
                _ = try p.view(d)
                if s[1] == nil { s[1] = d }
                guard Shape.broadcast(d, s[1]!) == d else {
                    throw MXNetError("mask of shape \(Shape.text(s[1]!)) cannot broadcast to data of shape \(Shape.text(d))")
                }
                return [d]
            },
            type: { t, _ in
                let d = try Rules.floatData(t)
                t[1] = .bool
                return [d]
            },
            forward: { c in
                let x = c.inputs[0], p = c.params
                try withBroadcastMask(c.inputs[1], to: x.shape) { mask in
                    try x.dispatchFloat(SoftmaxForwardKernel(x: x, out: c.outputs[0], view: try p.view(x.shape),
                                                             scale: 1 / p.temperatureValue, log: log,
                                                             validity: .mask(mask), normalize: p.normalize ?? true))
                }
            },
            gradient: { g in
                [try Imperative.call(backward(), [g.outputGradients[0], g.inputs[1], g.outputs[0]], g.params), nil]
            })
    }

    /// `(out_grad, mask, out) -> d_data`.
    static func maskedSoftmaxBackwardOp(_ name: String, display: String, log: Bool) -> Operator {
        Operator(
            name, display: display, params: MaskedSoftmaxParams.self, inputs: { _ in ["out_grad", "mask", "out"] },
            shape: { s, _ in
                guard let d = s[2] else { throw MXNetError.unknownShape("input shapes are unknown") }
                return [d]
            },
            type: { t, _ in
                let d = try Rules.floatData(t, "out_grad")
                t[0] = d; t[1] = .bool; t[2] = d
                return [d]
            },
            forward: { c in
                let y = c.inputs[2], p = c.params
                try withBroadcastMask(c.inputs[1], to: y.shape) { mask in
                    try y.dispatchFloat(SoftmaxBackwardKernel(outGrad: c.inputs[0], y: y, dx: c.outputs[0],
                                                              view: try p.view(y.shape), scale: 1 / p.temperatureValue,
                                                              log: log, validity: .mask(mask)))
                }
            },
            gradient: nil)
    }

    /// Calls `body` with `mask` (bool) laid out in `shape`, broadcasting into a temporary when needed.
    static func withBroadcastMask(_ mask: TensorRef, to shape: [Int],
                                  _ body: (UnsafeMutablePointer<Bool>) throws -> Void) throws {
        if mask.shape == shape { return try body(mask.pointer(Bool.self)) }
        let tmp = Storage(uninitializedByteCount: max(Shape.count(shape), 1))
        let full = TensorRef(data: tmp.data, shape: shape, dtype: .bool)
        copyBroadcast(mask, full)
        try withExtendedLifetime(tmp) { try body(full.pointer(Bool.self)) }
    }

    static let maskedSoftmax = maskedSoftmaxOp("masked_softmax", aliases: ["_npx_masked_softmax"],
                                               display: "masked_softmax", log: false) { Ops.maskedSoftmaxBackward }
    static let maskedSoftmaxBackward = maskedSoftmaxBackwardOp("_backward_masked_softmax",
                                                               display: "masked_softmax backward", log: false)
    static let maskedLogSoftmax = maskedSoftmaxOp("masked_log_softmax", aliases: ["_npx_masked_log_softmax"],
                                                  display: "masked_log_softmax", log: true) { Ops.maskedLogSoftmaxBackward }
    static let maskedLogSoftmaxBackward = maskedSoftmaxBackwardOp("_backward_masked_log_softmax",
                                                                  display: "masked_log_softmax backward", log: true)

    static var softmaxFamily: [Operator] {
        [softmax, softmaxBackward, logSoftmax, logSoftmaxBackward, softmin, softminBackward,
         softmaxActivation, softmaxActivationBackward, maskedSoftmax, maskedSoftmaxBackward,
         maskedLogSoftmax, maskedLogSoftmaxBackward]
    }
}
