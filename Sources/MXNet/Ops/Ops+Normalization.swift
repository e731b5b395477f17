/// Parameters of `BatchNorm` / `_npx_batch_norm`.
public struct BatchNormParams: OpParams {
    public var eps = 1e-3
    public var momentum = 0.9
    /// Treat gamma as 1 (and give it a zero gradient).
    public var fixGamma = true
    /// Use the running statistics even in training.
    public var useGlobalStats = false
    /// Make the mean and inverse standard deviation visible outputs.
    public var outputMeanVar = false
    public var axis = 1
    /// Accepted for compatibility; there is no cuDNN here.
    public var cudnnOff = false
    /// Quantisation calibration range (accepted, unused in float kernels).
    public var minCalibRange: Double?
    public var maxCalibRange: Double?
    public init() {}
    public static let fields: [ParamField<BatchNormParams>] = [
        .double("eps", \.eps), .double("momentum", \.momentum), .bool("fix_gamma", \.fixGamma),
        .bool("use_global_stats", \.useGlobalStats), .bool("output_mean_var", \.outputMeanVar),
        .int("axis", \.axis), .bool("cudnn_off", \.cudnnOff),
        .optionalDouble("min_calib_range", \.minCalibRange), .optionalDouble("max_calib_range", \.maxCalibRange),
    ]
}

/// A row normalisation's parameters also say how data splits into rows and which gamma each element uses.
protocol RowNormParams: OpParams {
    var eps: Double { get }
    var visibleOutputs: Int { get }
    /// Shape of the mean and standard-deviation outputs.
    func statisticsShape(data: [Int]) throws -> [Int]
    /// The gamma/beta shape filled in when unknown.
    func parameterShape(data: [Int]) throws -> [Int]
    /// Whether a given gamma/beta shape is accepted.
    func accepts(parameterShape: [Int], data: [Int]) -> Bool
    func layout(data: [Int], parameter: [Int]) throws -> (AxisView, AffineIndex)
}

extension RowNormParams {
    func accepts(parameterShape: [Int], data: [Int]) -> Bool {
        (try? self.parameterShape(data: data)) == parameterShape
    }
}

/// Parameters of `LayerNorm` / `_npx_layer_norm`.
public struct LayerNormParams: RowNormParams {
    public var axis = -1
    public var eps = 1e-5
    /// Make the mean and standard deviation visible outputs.
    public var outputMeanVar = false
    public init() {}
    public static let fields: [ParamField<LayerNormParams>] = [
        .int("axis", \.axis), .double("eps", \.eps), .bool("output_mean_var", \.outputMeanVar),
    ]
    var visibleOutputs: Int { outputMeanVar ? 3 : 1 }
    func statisticsShape(data: [Int]) throws -> [Int] {
        var s = data
        s[try Shape.axis(axis, ndim: data.count)] = 1
        return s
    }
    func parameterShape(data: [Int]) throws -> [Int] { [data[try Shape.axis(axis, ndim: data.count)]] }
    func layout(data: [Int], parameter: [Int]) throws -> (AxisView, AffineIndex) {
        (AxisView(shape: data, axis: try Shape.axis(axis, ndim: data.count)), .alongRow)
    }
}

/// Parameters of `GroupNorm`. Gamma and beta have one entry per group (MXNet 1.x) or per channel (MXNet 2.0);
/// both are accepted, and per-group is filled in when the shape is unknown.
public struct GroupNormParams: RowNormParams {
    public var numGroups = 1
    public var eps = 1e-5
    public var outputMeanVar = false
    public init() {}
    public static let fields: [ParamField<GroupNormParams>] = [
        .int("num_groups", \.numGroups), .double("eps", \.eps), .bool("output_mean_var", \.outputMeanVar),
    ]
    var visibleOutputs: Int { outputMeanVar ? 3 : 1 }
    func check(_ data: [Int]) throws {
        guard data.count >= 3 else { throw MXNetError("data must have at least 3 dimensions, got \(Shape.text(data))") }
        guard numGroups > 0 else { throw MXNetError("num_groups must be positive, got \(numGroups)") }
        guard data[1] % numGroups == 0 else {
            throw MXNetError("the number of channels \(data[1]) must be divisible by num_groups \(numGroups)")
        }
    }
    func statisticsShape(data: [Int]) throws -> [Int] { try check(data); return [data[0], numGroups] }
    func parameterShape(data: [Int]) throws -> [Int] { try check(data); return [numGroups] }
    func accepts(parameterShape: [Int], data: [Int]) -> Bool {
        parameterShape == [numGroups] || (data.count >= 2 && parameterShape == [data[1]])
    }
    func layout(data: [Int], parameter: [Int]) throws -> (AxisView, AffineIndex) {
        try check(data)
        let perGroup = data[1] / numGroups, spatial = Shape.count(Array(data[2...]))
        let view = AxisView(outer: data[0] * numGroups, length: perGroup * spatial, inner: 1)
        if parameter == [numGroups] { return (view, .perRow(period: numGroups)) }
        return (view, AffineIndex(rowModulus: numGroups, rowScale: perGroup, lengthDivisor: max(spatial, 1)))
    }
}

/// Parameters of `InstanceNorm`.
public struct InstanceNormParams: RowNormParams {
    public var eps = 1e-3
    public init() {}
    public static let fields: [ParamField<InstanceNormParams>] = [.double("eps", \.eps)]
    var visibleOutputs: Int { 1 }
    func check(_ data: [Int]) throws {
        guard data.count >= 2 else { throw MXNetError("data must have at least 2 dimensions, got \(Shape.text(data))") }
    }
    func statisticsShape(data: [Int]) throws -> [Int] { try check(data); return [data[0], data[1]] }
    func parameterShape(data: [Int]) throws -> [Int] { try check(data); return [data[1]] }
    func layout(data: [Int], parameter: [Int]) throws -> (AxisView, AffineIndex) {
        try check(data)
        let view = AxisView(outer: data[0] * data[1], length: Shape.count(Array(data[2...])), inner: 1)
        return (view, .perRow(period: data[1]))
    }
}

/// Parameters of `L2Normalization`.
public struct L2NormalizationParams: OpParams {
    public enum Mode: String, CaseIterable { case instance, channel, spatial }
    public var eps = 1e-10
    public var mode = Mode.instance
    public init() {}
    public static let fields: [ParamField<L2NormalizationParams>] = [.double("eps", \.eps), .choice("mode", \.mode)]

    /// Rows to normalise and the shape of the norm output.
    func layout(_ data: [Int]) throws -> (view: AxisView, normShape: [Int]) {
        switch mode {
        case .instance:
            guard !data.isEmpty else { throw MXNetError("data must have at least 1 dimension") }
            return (AxisView(outer: data[0], length: Shape.count(Array(data[1...])), inner: 1), [data[0]])
        case .channel:
            guard data.count >= 3 else { throw MXNetError("mode 'channel' needs data with at least 3 dimensions, got \(Shape.text(data))") }
            return (AxisView(shape: data, axis: 1), [data[0]] + Array(data[2...]))
        case .spatial:
            guard data.count >= 3 else { throw MXNetError("mode 'spatial' needs data with at least 3 dimensions, got \(Shape.text(data))") }
            return (AxisView(outer: data[0] * data[1], length: Shape.count(Array(data[2...])), inner: 1), [data[0], data[1]])
        }
    }
}

extension Rules {
    /// Fills input `i`'s unknown shape with `shape`, or checks the known one.
    /// - Throws: ``MXNetError`` naming the input when a known shape differs.
    static func fillInput(_ s: inout [[Int]?], _ i: Int, _ shape: [Int], _ name: String) throws {
        if let known = s[i] {
            guard known == shape else {
                throw MXNetError("input '\(name)' has shape \(Shape.text(known)), expected \(Shape.text(shape))")
            }
        } else {
            s[i] = shape
        }
    }

    /// The data dtype, which must be floating point.
    static func floatData(_ t: [DType?], _ what: String = "data") throws -> DType {
        guard let d = t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
        guard d.isFloatingPoint else { throw MXNetError("\(what) must be floating point, got \(d)") }
        return d
    }
}

extension Ops {
    // MARK: - Batch norm

    /// Shapes of batch norm's data and its per-channel inputs.
    static func batchNormShape(_ s: inout [[Int]?], _ p: BatchNormParams, firstParameter: Int) throws -> (data: [Int], channel: [Int]) {
        guard let d = s[firstParameter == 1 ? 0 : 1] else { throw MXNetError.unknownShape("data shape is unknown") }
        guard !d.isEmpty else { throw MXNetError("data must have at least 1 dimension") }
        let c = [d[try Shape.axis(p.axis, ndim: d.count, argument: "axis")]]
        return (d, c)
    }

    /// Data keeps its float dtype; gamma, beta and the running statistics are float32 for half-precision data.
    static func batchNormTypes(_ t: inout [DType?], dataInputs: Int) throws -> (data: DType, parameter: DType) {
        let d = try Rules.floatData(t)
        let p: DType = d == .float16 || d == .bfloat16 ? .float32 : d
        for i in 0..<t.count { t[i] = i < dataInputs ? d : p }
        return (d, p)
    }

    static let batchNorm = Operator(
        "_npx_batch_norm", aliases: ["BatchNorm"], display: "BatchNorm", params: BatchNormParams.self,
        inputs: { _ in ["data", "gamma", "beta", "moving_mean", "moving_var"] },
        outputs: { _ in 3 }, visibleOutputs: { $0.outputMeanVar ? 3 : 1 },
        auxInputs: { _ in 2 }, mutatedInputs: [3, 4],
        shape: { s, p in
            let (d, c) = try batchNormShape(&s, p, firstParameter: 1)
            for (i, name) in [(1, "gamma"), (2, "beta"), (3, "moving_mean"), (4, "moving_var")] {
                try Rules.fillInput(&s, i, c, name)
            }
            return [d, c, c]
        },
        partialShape: { c in
            // Forward only, as MXNet: data of known rank tells the per-channel inputs (of unknown size when the
            // channel count is unknown) and the outputs.
            guard let d = c.inputs[0], !d.isEmpty else { return }
            let channel = [d[try Shape.axis(c.params.axis, ndim: d.count, argument: "axis")]]
            for (i, name) in [(1, "gamma"), (2, "beta"), (3, "moving_mean"), (4, "moving_var")] {
                try PartialShape.assign(&c.inputs[i], channel, name)
            }
            for (k, s) in [d, channel, channel].enumerated() { try PartialShape.assign(&c.outputs[k], s, "output \(k)") }
        },
        type: { t, _ in
            let (d, p) = try batchNormTypes(&t, dataInputs: 1)
            return [d, p, p]
        },
        forward: { c in
            let x = c.inputs[0], p = c.params
            let view = AxisView(shape: x.shape, axis: try Shape.axis(p.axis, ndim: x.ndim))
            try x.dispatchFloat(BatchNormForwardKernel(
                x: x, gamma: c.inputs[1], beta: c.inputs[2], movingMean: c.inputs[3], movingVar: c.inputs[4],
                out: c.outputs[0], mean: c.outputs[1], invstd: c.outputs[2], view: view, eps: p.eps,
                momentum: p.momentum, fixGamma: p.fixGamma, batchStatistics: c.context.isTraining && !p.useGlobalStats))
        },
        gradient: { g in
            let inputs = [g.outputGradients[0], g.inputs[0], g.inputs[1], g.outputs[1], g.outputs[2]]
            // MXNet's backward runs in training mode (autograd.backward's train_mode defaults to true), so the
            // data gradient always includes the statistics' dependence on the data unless use_global_stats is set,
            // even after an inference-mode forward (whose saved statistics are the running ones).
            let grads = try autograd.trainMode { try Imperative.invoke(Ops.batchNormBackward, inputs, g.params) }
            return [grads[0], grads[1], grads[2], nil, nil]
        })

    /// Batch norm's backward: `(out_grad, data, gamma, mean, invstd) -> (d_data, d_gamma, d_beta)`; uses batch
    /// statistics when run in training mode without `use_global_stats`. (Its inputs differ from MXNet's
    /// `_backward_BatchNorm`, which never appears in saved graphs.)
    static let batchNormBackward = Operator(
        "_backward_BatchNorm", display: "BatchNorm backward", params: BatchNormParams.self,
        inputs: { _ in ["out_grad", "data", "gamma", "mean", "invstd"] }, outputs: { _ in 3 },
        shape: { s, p in
            let (d, c) = try batchNormShape(&s, p, firstParameter: 2)
            return [d, c, c]
        },
        type: { t, _ in
            let (d, p) = try batchNormTypes(&t, dataInputs: 2)
            return [d, p, p]
        },
        forward: { c in
            let x = c.inputs[1], p = c.params
            let view = AxisView(shape: x.shape, axis: try Shape.axis(p.axis, ndim: x.ndim))
            try x.dispatchFloat(BatchNormBackwardKernel(
                outGrad: c.inputs[0], x: x, gamma: c.inputs[2], mean: c.inputs[3], invstd: c.inputs[4],
                dx: c.outputs[0], dgamma: c.outputs[1], dbeta: c.outputs[2], view: view, fixGamma: p.fixGamma,
                batchStatistics: c.context.isTraining && !p.useGlobalStats))
        },
        gradient: nil)

    // MARK: - Row normalisations

    /// A row normalisation (layer, group, instance norm): `(data, gamma, beta) -> (out, mean, std)`.
    static func rowNorm<P: RowNormParams>(_ name: String, aliases: [String], display: String, _ params: P.Type,
                                          backward: @escaping () -> Operator) -> Operator {
        Operator(
            name, aliases: aliases, display: display, params: P.self, inputs: { _ in ["data", "gamma", "beta"] },
            outputs: { _ in 3 }, visibleOutputs: { $0.visibleOutputs },
            shape: { s, p in
                guard let d = s[0] else { throw MXNetError.unknownShape("data shape is unknown") }
                let stats = try p.statisticsShape(data: d)
                let fill = try p.parameterShape(data: d)
                // An unknown gamma (beta) takes the other's shape when that one is accepted, else the default.
                let accepted = [s[1], s[2]].compactMap { $0 }.first { p.accepts(parameterShape: $0, data: d) }
                for (i, argument) in [(1, "gamma"), (2, "beta")] {
                    if let known = s[i], p.accepts(parameterShape: known, data: d) { continue }
                    try Rules.fillInput(&s, i, accepted ?? fill, argument)
                }
                guard s[1] == s[2] else {
                    throw MXNetError("gamma \(Shape.text(s[1]!)) and beta \(Shape.text(s[2]!)) must have the same shape")
                }
                return [d, stats, stats]
            },
            type: { t, _ in
                let d = try Rules.floatData(t)
                t = t.map { _ in d }
                return [d, d, d]
            },
            forward: { c in
                let x = c.inputs[0]
                let (view, affine) = try c.params.layout(data: x.shape, parameter: c.inputs[1].shape)
                try x.dispatchFloat(RowNormForwardKernel(
                    x: x, gamma: c.inputs[1], beta: c.inputs[2], out: c.outputs[0], mean: c.outputs[1],
                    std: c.outputs[2], view: view, affine: affine, eps: c.params.eps))
            },
            gradient: { g in
                let grads = try Imperative.invoke(backward(), [g.outputGradients[0], g.inputs[0], g.inputs[1],
                                                               g.outputs[1], g.outputs[2]], g.params)
                return [grads[0], grads[1], grads[2]]
            })
    }

    /// Backward of a row normalisation: `(out_grad, data, gamma, mean, std) -> (d_data, d_gamma, d_beta)`.
    static func rowNormBackward<P: RowNormParams>(_ name: String, display: String, _ params: P.Type) -> Operator {
        Operator(
            name, display: display, params: P.self, inputs: { _ in ["out_grad", "data", "gamma", "mean", "std"] },
            outputs: { _ in 3 },
            shape: { s, _ in
                guard let d = s[1], let gs = s[2] else { throw MXNetError.unknownShape("input shapes are unknown") }
                return [d, gs, gs]
            },
            type: { t, _ in
                let d = try Rules.floatData(t)
                t = t.map { _ in d }
                return [d, d, d]
            },
            forward: { c in
                let x = c.inputs[1]
                let (view, affine) = try c.params.layout(data: x.shape, parameter: c.inputs[2].shape)
                try x.dispatchFloat(RowNormBackwardKernel(
                    outGrad: c.inputs[0], x: x, gamma: c.inputs[2], mean: c.inputs[3], std: c.inputs[4],
                    dx: c.outputs[0], dgamma: c.outputs[1], dbeta: c.outputs[2], view: view, affine: affine))
            },
            gradient: nil)
    }

    static let layerNorm = rowNorm("_npx_layer_norm", aliases: ["LayerNorm"], display: "LayerNorm",
                                   LayerNormParams.self) { Ops.layerNormBackward }
    static let layerNormBackward = rowNormBackward("_backward_LayerNorm", display: "LayerNorm backward",
                                                   LayerNormParams.self)
    static let groupNorm = rowNorm("GroupNorm", aliases: ["_npx_group_norm"], display: "GroupNorm",
                                   GroupNormParams.self) { Ops.groupNormBackward }
    static let groupNormBackward = rowNormBackward("_backward_GroupNorm", display: "GroupNorm backward",
                                                   GroupNormParams.self)
    static let instanceNorm = rowNorm("InstanceNorm", aliases: [], display: "InstanceNorm",
                                      InstanceNormParams.self) { Ops.instanceNormBackward }
    static let instanceNormBackward = rowNormBackward("_backward_InstanceNorm", display: "InstanceNorm backward",
                                                      InstanceNormParams.self)

    // MARK: - L2 normalisation

    static let l2Normalization = Operator(
        "L2Normalization", display: "L2Normalization",
        params: L2NormalizationParams.self, inputs: { _ in ["data"] }, outputs: { _ in 2 }, visibleOutputs: { _ in 1 },
        shape: { s, p in
            guard let d = s[0] else { throw MXNetError.unknownShape("data shape is unknown") }
            return [d, try p.layout(d).normShape]
        },
        type: { t, _ in
            let d = try Rules.floatData(t)
            return [d, d]
        },
        forward: { c in
            let x = c.inputs[0]
            try x.dispatchFloat(L2NormalizeForwardKernel(x: x, out: c.outputs[0], norm: c.outputs[1],
                                                         view: try c.params.layout(x.shape).view, eps: c.params.eps))
        },
        gradient: { g in
            [try Imperative.call(Ops.l2NormalizationBackward, [g.outputGradients[0], g.outputs[0], g.outputs[1]], g.params)]
        })

    /// `(out_grad, out, norm) -> d_data`.
    static let l2NormalizationBackward = Operator(
        "_backward_L2Normalization", display: "L2Normalization backward", params: L2NormalizationParams.self,
        inputs: { _ in ["out_grad", "out", "norm"] },
        shape: { s, _ in
            guard let d = s[1] else { throw MXNetError.unknownShape("input shapes are unknown") }
            return [d]
        },
        type: { t, _ in
            let d = try Rules.floatData(t)
            t = t.map { _ in d }
            return [d]
        },
        forward: { c in
            let y = c.inputs[1]
            try y.dispatchFloat(L2NormalizeBackwardKernel(outGrad: c.inputs[0], y: y, norm: c.inputs[2],
                                                          dx: c.outputs[0], view: try c.params.layout(y.shape).view))
        },
        gradient: nil)

    static var normalization: [Operator] {
        [batchNorm, batchNormBackward, layerNorm, layerNormBackward, groupNorm, groupNormBackward,
         instanceNorm, instanceNormBackward, l2Normalization, l2NormalizationBackward]
    }
}
