/// Parameters of `RNN` (`npx.rnn`): a stack of recurrent layers over `[T, N, C]` data with one packed
/// parameter vector (see ``RNNConfig`` for its layout). With `projection_size` P (LSTM only) each layer's
/// hidden output is projected to P features: the `state` and the output carry P features, `state_cell` H.
public struct RNNParams: OpParams {
    public enum Mode: String, CaseIterable {
        case rnnRelu = "rnn_relu", rnnTanh = "rnn_tanh", lstm, gru
        var gateCount: Int {
            switch self {
            case .rnnRelu, .rnnTanh: return 1
            case .lstm: return 4
            case .gru: return 3
            }
        }
    }
    public var stateSize = 0
    public var numLayers = 0
    public var bidirectional = false
    public var mode = Mode.lstm
    /// Dropout between layers, in training only.
    public var p = 0.0
    public var stateOutputs = false
    /// LSTM projection size P (LSTMP); nil for none.
    public var projectionSize: Int?
    /// Accepted for compatibility; MXNet 1.9.1's CPU kernels ignore cell clipping, and so does this one.
    public var lstmStateClipMin: Double?
    public var lstmStateClipMax: Double?
    public var lstmStateClipNan = false
    public var useSequenceLength = false
    public init() {}
    public init(mode: Mode, stateSize: Int, numLayers: Int, bidirectional: Bool = false, p: Double = 0,
                stateOutputs: Bool = false, projectionSize: Int? = nil, useSequenceLength: Bool = false) {
        self.mode = mode; self.stateSize = stateSize; self.numLayers = numLayers; self.bidirectional = bidirectional
        self.p = p; self.stateOutputs = stateOutputs; self.projectionSize = projectionSize
        self.useSequenceLength = useSequenceLength
    }
    public static let fields: [ParamField<RNNParams>] = [
        .int("state_size", \.stateSize, required: true), .int("num_layers", \.numLayers, required: true),
        .bool("bidirectional", \.bidirectional), .choice("mode", \.mode, required: true), .double("p", \.p),
        .bool("state_outputs", \.stateOutputs), .optionalInt("projection_size", \.projectionSize),
        .optionalDouble("lstm_state_clip_min", \.lstmStateClipMin), .optionalDouble("lstm_state_clip_max", \.lstmStateClipMax),
        .bool("lstm_state_clip_nan", \.lstmStateClipNan), .bool("use_sequence_length", \.useSequenceLength),
    ]

    var directions: Int { bidirectional ? 2 : 1 }
    var isLSTM: Bool { mode == .lstm }
    var inputNames: [String] {
        ["data", "parameters", "state"] + (isLSTM ? ["state_cell"] : []) + (useSequenceLength ? ["sequence_length"] : [])
    }
    /// Visible outputs: out, and hy (and cy for LSTM) with `state_outputs`.
    var visibleOutputs: Int { stateOutputs ? (isLSTM ? 3 : 2) : 1 }
    /// Index of the first optional input after the states.
    var lengthsIndex: Int { isLSTM ? 4 : 3 }

    func validate() throws {
        guard stateSize > 0 else { throw MXNetError("state_size must be positive, got \(stateSize)") }
        guard numLayers > 0 else { throw MXNetError("num_layers must be positive, got \(numLayers)") }
        guard p >= 0 && p < 1 else { throw MXNetError("p must be in [0, 1), got \(p)") }
        if let projectionSize {
            // MXNet 1.9.1's CPU kernels run other modes with H features while the shapes say P (memory corruption).
            guard isLSTM else { throw MXNetError("projection_size is only supported for mode 'lstm', got '\(mode.rawValue)'") }
            guard projectionSize > 0 else { throw MXNetError("projection_size must be positive, got \(projectionSize)") }
        }
    }

    func config(_ data: [Int]) throws -> RNNConfig {
        try validate()
        guard data.count == 3 else { throw MXNetError("data must be 3-d (T, N, C), got \(Shape.text(data))") }
        return RNNConfig(mode: mode, layers: numLayers, directions: directions, steps: data[0], batch: data[1],
                         inputSize: data[2], hidden: stateSize, projection: projectionSize ?? 0)
    }
}

/// Parameters of `_rnn_param_concat`.
public struct RNNParamConcatParams: OpParams {
    public var numArgs = 1
    public var dim = 1
    public init() {}
    public init(numArgs: Int, dim: Int) { self.numArgs = numArgs; self.dim = dim }
    public static let fields: [ParamField<RNNParamConcatParams>] = [
        .count("num_args", \.numArgs, required: true), .int("dim", \.dim),
    ]
}

extension Ops {
    static func rnnShapes(_ s: inout [[Int]?], _ p: RNNParams) throws -> (RNNConfig, [[Int]]) {
        let cfg = try p.config(try knownShape(s, 0, "data"))
        let state = [cfg.layers * cfg.directions, cfg.batch, cfg.stateWidth]
        let cell = [cfg.layers * cfg.directions, cfg.batch, cfg.hidden]
        s[1] = [cfg.parameterCount]
        s[2] = state
        if p.isLSTM { s[3] = cell }
        if p.useSequenceLength { s[p.lengthsIndex] = [cfg.batch] }
        let out = [cfg.steps, cfg.batch, cfg.directions * cfg.stateWidth]
        let masks = [p.p > 0 ? cfg.maskCount : 0]
        return (cfg, [out] + (p.stateOutputs ? [state] + (p.isLSTM ? [cell] : []) : []) + [masks])
    }

    static func rnnTypes(_ t: inout [DType?], _ p: RNNParams, count: Int) throws -> DType {
        guard var d = t.prefix(count).compactMap({ $0 }).first else { throw MXNetError.unknownType("input dtypes are unknown") }
        if !d.isFloatingPoint { d = .float32 }
        for i in 0..<count { t[i] = d }
        if p.useSequenceLength { t[p.lengthsIndex] = indexType }
        return d
    }

    /// Multi-layer Elman RNN (relu/tanh), LSTM or GRU. A hidden last output holds the dropout masks that the
    /// gradient reuses.
    static let rnn = Operator(
        "_npx_rnn", aliases: ["RNN"], display: "RNN", params: RNNParams.self, inputs: { $0.inputNames },
        outputs: { $0.visibleOutputs + 1 }, visibleOutputs: { $0.visibleOutputs }, random: true,
        shape: { s, p in try rnnShapes(&s, p).1 },
        type: { t, p in
            let d = try rnnTypes(&t, p, count: p.isLSTM ? 4 : 3)
            return [DType](repeating: d, count: p.visibleOutputs + 1)
        },
        forward: { c in try rnnDispatch(c, RNNForwardKernel(call: c)) },
        gradient: { g in
            let p = g.params
            var inputs = g.inputs + [g.outputs[p.visibleOutputs], g.outputGradients[0]]
            if p.stateOutputs { inputs += g.outputGradients[1..<p.visibleOutputs] }
            let grads = try Imperative.invoke(rnnBackward, inputs, p)
            return grads.map { Optional($0) } + (p.useSequenceLength ? [nil] : [])
        })

    /// Gradient of `RNN` (back-propagation through time, recomputing the forward pass). Inputs: the forward
    /// inputs, the dropout masks, the output gradient and, with `state_outputs`, the final-state gradients.
    static let rnnBackward = Operator(
        "_backward_RNN", aliases: [], display: "RNN backward", params: RNNParams.self,
        inputs: { p in
            p.inputNames + ["dropout_mask", "ograd"] + (p.stateOutputs ? ["ograd_state"] + (p.isLSTM ? ["ograd_state_cell"] : []) : [])
        },
        outputs: { $0.isLSTM ? 4 : 3 },
        shape: { s, p in
            var fwd = Array(s.prefix(p.inputNames.count))
            _ = try rnnShapes(&fwd, p)
            return fwd.prefix(p.isLSTM ? 4 : 3).compactMap { $0 }
        },
        type: { t, p in
            let d = try rnnTypes(&t, p, count: p.isLSTM ? 4 : 3)
            for i in p.inputNames.count..<t.count { t[i] = d }
            return [DType](repeating: d, count: p.isLSTM ? 4 : 3)
        },
        forward: { c in try rnnDispatch(c, RNNBackwardKernel(call: c)) }, gradient: nil)

    /// MXNet 1.x Gluon's concatenation of RNN parameters along `dim`.
    static let rnnParamConcat = Operator(
        "_rnn_param_concat", aliases: ["_npi_rnn_param_concat"], display: "_rnn_param_concat",
        params: RNNParamConcatParams.self, inputs: { p in (0..<max(p.numArgs, 0)).map { "arg\($0)" } },
        widensHalfPrecision: false,
        shape: { s, p in [try concatShape(s, p)] }, type: Rules.sameType,
        forward: { c in
            let axis = try Shape.axis(c.params.dim, ndim: c.outputs[0].ndim, argument: "dim")
            concatBytes(c.inputs, into: c.outputs[0], axis: axis)
        },
        gradient: { g in
            let axis = try Shape.axis(g.params.dim, ndim: g.outputGradients[0].ndim, argument: "dim")
            let shapes = g.inputs.map(\.shape)
            return try Imperative.invoke(rnnParamSplit, [g.outputGradients[0]],
                                         SplitShapesParams(shapes: shapes, axis: axis)).map { Optional($0) }
        })

    /// Gradient of `_rnn_param_concat`: the output gradient cut back into the inputs' shapes.
    static let rnnParamSplit = Operator(
        "_backward_rnn_param_concat", aliases: [], display: "_rnn_param_concat backward", params: SplitShapesParams.self,
        inputs: { _ in ["ograd"] }, outputs: { $0.shapes.count }, widensHalfPrecision: false,
        shape: { _, p in p.shapes },
        type: { t, p in
            guard let d = t[0] else { throw MXNetError.unknownType("dtype of 'ograd' is unknown") }
            return [DType](repeating: d, count: p.shapes.count)
        },
        forward: { c in splitBytes(c.inputs[0], into: c.outputs, axis: c.params.axis) }, gradient: nil)

    static func concatShape(_ s: [[Int]?], _ p: RNNParamConcatParams) throws -> [Int] {
        guard p.numArgs >= 1, s.count == p.numArgs else { throw MXNetError("num_args must match the number of inputs") }
        var out = try knownShape(s, 0, "arg0")
        let axis = try Shape.axis(p.dim, ndim: out.count, argument: "dim")
        for i in 1..<s.count {
            let x = try knownShape(s, i, "arg\(i)")
            guard x.count == out.count, zip(x, out).enumerated().allSatisfy({ $0.offset == axis || $0.element.0 == $0.element.1 }) else {
                throw MXNetError("input arg\(i) of shape \(Shape.text(x)) does not match \(Shape.text(out)) except along dim \(axis)")
            }
            out[axis] += x[axis]
        }
        return out
    }

    static var recurrent: [Operator] { [rnn, rnnBackward, rnnParamConcat, rnnParamSplit] }
}

/// Internal parameters of `_backward_rnn_param_concat`: the input shapes and the axis.
public struct SplitShapesParams: OpParams {
    var shapes: [[Int]] = []
    var axis = 0
    public init() {}
    init(shapes: [[Int]], axis: Int) { self.shapes = shapes; self.axis = axis }
    public static let fields: [ParamField<SplitShapesParams>] = []
}

/// Concatenates same-dtype inputs along `axis` by copying contiguous blocks.
func concatBytes(_ inputs: [TensorRef], into out: TensorRef, axis: Int) {
    let size = out.dtype.size
    let outer = Shape.count(Array(out.shape[..<axis]))
    let outRow = Shape.count(Array(out.shape[axis...])) * size
    var offset = 0
    for x in inputs {
        let row = Shape.count(Array(x.shape[axis...])) * size
        for o in 0..<outer { (out.data + o * outRow + offset).copyMemory(from: x.data + o * row, byteCount: row) }
        offset += row
    }
}

/// The inverse of ``concatBytes(_:into:axis:)``.
func splitBytes(_ input: TensorRef, into outputs: [TensorRef], axis: Int) {
    let size = input.dtype.size
    let outer = Shape.count(Array(input.shape[..<axis]))
    let inRow = Shape.count(Array(input.shape[axis...])) * size
    var offset = 0
    for y in outputs {
        let row = Shape.count(Array(y.shape[axis...])) * size
        for o in 0..<outer { (y.data + o * row).copyMemory(from: input.data + o * inRow + offset, byteCount: row) }
        offset += row
    }
}

/// A recurrent kernel, run in float32 or float64.
private protocol RNNKernel {
    func run<R: RNNScalar>(_: R.Type) throws
}

private func rnnDispatch(_ c: KernelCall<RNNParams>, _ k: some RNNKernel) throws {
    switch c.inputs[0].dtype {
    case .float32: try k.run(Float.self)
    case .float64: try k.run(Double.self)
    default: throw MXNetError("dtype \(c.inputs[0].dtype) is not supported")
    }
}

/// Per-batch valid lengths from the `sequence_length` input (clipped to `0...T`), or nil.
private func rnnLengths(_ c: KernelCall<RNNParams>, steps: Int, batch: Int) -> [Int]? {
    guard c.params.useSequenceLength else { return nil }
    let p = c.inputs[c.params.lengthsIndex].pointer(Double.self)
    return (0..<batch).map { clippedIndex(p[$0], steps) }
}

private struct RNNForwardKernel: RNNKernel {
    let call: KernelCall<RNNParams>
    func run<R: RNNScalar>(_: R.Type) throws {
        let c = call, p = c.params
        let cfg = try p.config(c.inputs[0].shape)
        let maskOut = c.outputs[p.visibleOutputs]
        var masks: UnsafePointer<R>?
        if maskOut.count > 0 {
            let m = maskOut.pointer(R.self)
            if c.context.isTraining {
                RandomGenerator.fillBernoulliMask(m, count: maskOut.count, keep: 1 - p.p)
            } else {
                m.initialize(repeating: 1, count: maskOut.count)
            }
            masks = UnsafePointer(m)
        }
        let comp = RNNComputation<R>(
            cfg: cfg, x: c.inputs[0].pointer(R.self), w: c.inputs[1].pointer(R.self), h0: c.inputs[2].pointer(R.self),
            c0: p.isLSTM ? c.inputs[3].pointer(R.self) : nil,
            lengths: rnnLengths(c, steps: cfg.steps, batch: cfg.batch), masks: masks)
        comp.forward(out: c.outputs[0].pointer(R.self),
                     hy: p.stateOutputs ? c.outputs[1].pointer(R.self) : nil,
                     cy: p.stateOutputs && p.isLSTM ? c.outputs[2].pointer(R.self) : nil, tape: nil)
    }
}

private struct RNNBackwardKernel: RNNKernel {
    let call: KernelCall<RNNParams>
    func run<R: RNNScalar>(_: R.Type) throws {
        let c = call, p = c.params
        let cfg = try p.config(c.inputs[0].shape)
        let base = p.inputNames.count
        let maskIn = c.inputs[base]
        let comp = RNNComputation<R>(
            cfg: cfg, x: c.inputs[0].pointer(R.self), w: c.inputs[1].pointer(R.self), h0: c.inputs[2].pointer(R.self),
            c0: p.isLSTM ? c.inputs[3].pointer(R.self) : nil,
            lengths: rnnLengths(c, steps: cfg.steps, batch: cfg.batch),
            masks: maskIn.count > 0 ? UnsafePointer(maskIn.pointer(R.self)) : nil)
        comp.backward(dout: c.inputs[base + 1].pointer(R.self),
                      dhy: p.stateOutputs ? c.inputs[base + 2].pointer(R.self) : nil,
                      dcy: p.stateOutputs && p.isLSTM ? c.inputs[base + 3].pointer(R.self) : nil,
                      dx: c.outputs[0].pointer(R.self), dw: c.outputs[1].pointer(R.self), dh0: c.outputs[2].pointer(R.self),
                      dc0: p.isLSTM ? c.outputs[3].pointer(R.self) : nil)
    }
}
