/// Parameters of `depth_to_space` and `space_to_depth`.
public struct BlockSizeParams: OpParams {
    public var blockSize = 1
    public init() {}
    public init(blockSize: Int) { self.blockSize = blockSize }
    public static let fields: [ParamField<BlockSizeParams>] = [.int("block_size", \.blockSize, required: true)]
}

/// Parameters of MXNet 1.x `UpSampling`.
public struct UpSamplingParams: OpParams {
    public enum SampleType: String, CaseIterable { case nearest, bilinear }
    /// How several inputs combine (nearest only): stacked along the channels or added.
    public enum MultiInputMode: String, CaseIterable { case concat, sum }
    public var scale = 1
    /// Bilinear only: the number of channels (the deconvolution's filters and groups).
    public var numFilter = 0
    public var sampleType = SampleType.nearest
    public var multiInputMode = MultiInputMode.concat
    /// Nearest: the number of inputs; bilinear: 2 (data and weight).
    public var numArgs = 1
    /// Accepted for compatibility (deconvolution workspace in MB).
    public var workspace = 512
    public init() {}
    public static let fields: [ParamField<UpSamplingParams>] = [
        .int("scale", \.scale, required: true), .int("num_filter", \.numFilter),
        .choice("sample_type", \.sampleType, required: true), .choice("multi_input_mode", \.multiInputMode),
        .count("num_args", \.numArgs, required: true), .int("workspace", \.workspace),
    ]

    /// The deconvolution bilinear upsampling runs: a `2s - s % 2` kernel, stride `s`, one group per channel.
    var deconvolution: DeconvolutionParams {
        let k = 2 * scale - scale % 2, pad = scale / 2
        return DeconvolutionParams(kernel: [k, k], numFilter: numFilter, stride: [scale, scale], pad: [pad, pad],
                                   numGroup: numFilter, noBias: true)
    }
}

/// Parameters of `_contrib_BilinearResize2D`.
public struct BilinearResizeParams: OpParams {
    /// How the output size is chosen.
    public enum Mode: String, CaseIterable {
        case size, like
        case oddScale = "odd_scale"
        case toEvenDown = "to_even_down", toEvenUp = "to_even_up", toOddDown = "to_odd_down", toOddUp = "to_odd_up"
    }
    public var height = 1
    public var width = 1
    public var scaleHeight: Double?
    public var scaleWidth: Double?
    public var mode = Mode.size
    public var alignCorners = true
    public init() {}
    public static let fields: [ParamField<BilinearResizeParams>] = [
        .int("height", \.height), .int("width", \.width), .optionalDouble("scale_height", \.scaleHeight),
        .optionalDouble("scale_width", \.scaleWidth), .choice("mode", \.mode), .bool("align_corners", \.alignCorners),
    ]

    /// The output height and width for `data` (and the `like` input's shape in mode `like`), as MXNet 1.9.1
    /// computes them (float32 scales, truncation).
    func outputSize(_ data: [Int], like: [Int]?) throws -> (Int, Int) {
        let (h, w) = (data[2], data[3])
        func scales() throws -> (Float, Float) {
            guard let sh = scaleHeight, let sw = scaleWidth else {
                throw MXNetError("mode '\(mode.rawValue)' needs both scale_height and scale_width")
            }
            return (Float(sh), Float(sw))
        }
        func scaled(_ n: Int, _ s: Float) throws -> Int {
            let v = Float(n) * s
            guard v.isFinite, v < 32768 else { throw MXNetError("the scaled size \(v) is too large") }
            return Int(v)
        }
        func even(_ n: Int, up: Bool) -> Int { n % 2 == 0 ? n : (up ? n + 1 : n - 1) }
        func odd(_ n: Int, up: Bool) -> Int { n % 2 == 1 ? n : (up ? n + 1 : n - 1) }
        switch mode {
        case .size:
            if scaleHeight != nil {
                let (sh, sw) = try scales()
                return (try scaled(h, sh), try scaled(w, sw))
            }
            guard (1...10000).contains(height), (1...10000).contains(width) else {
                throw MXNetError("height and width must be in 1...10000, got \(height) and \(width)")
            }
            return (height, width)
        case .oddScale:
            let (sh, sw) = try scales()
            return (h % 2 == 0 ? try scaled(h, sh) : try scaled(h - 1, sh) + 1,
                    w % 2 == 0 ? try scaled(w, sw) : try scaled(w - 1, sw) + 1)
        case .like:
            guard let like, like.count == 4 else { throw MXNetError("'like' must be a 4-d array") }
            return (like[2], like[3])
        case .toEvenDown: return (even(h, up: false), even(w, up: false))
        case .toEvenUp: return (even(h, up: true), even(w, up: true))
        case .toOddDown: return (odd(h, up: false), odd(w, up: false))
        case .toOddUp: return (odd(h, up: true), odd(w, up: true))
        }
    }
}

extension Ops {
    // MARK: - depth_to_space / space_to_depth

    /// The 6-d view and permutation that move `depth_to_space` (or, inverted, `space_to_depth`) blocks.
    static func blockLayout(_ x: [Int], _ b: Int, toSpace: Bool) throws -> (view: [Int], perm: [Int], out: [Int]) {
        guard x.count == 4 else { throw MXNetError("data must be 4-d (N, C, H, W), got \(Shape.text(x))") }
        guard b > 0, b <= 1 << 20 else { throw MXNetError("block_size must be in 1...\(1 << 20), got \(b)") }
        guard Shape.count(x) > 0 else { throw MXNetError("data must not be empty, got \(Shape.text(x))") }
        let (n, c, h, w) = (x[0], x[1], x[2], x[3])
        if toSpace {
            guard c % (b * b) == 0 else {
                throw MXNetError("the number of channels \(c) must be divisible by block_size² (\(b * b))")
            }
            return ([n, b, b, c / (b * b), h, w], [0, 3, 4, 1, 5, 2], [n, c / (b * b), h * b, w * b])
        }
        guard h % b == 0, w % b == 0 else {
            throw MXNetError("height \(h) and width \(w) must be divisible by block_size \(b)")
        }
        return ([n, c, h / b, b, w / b, b], [0, 3, 5, 1, 2, 4], [n, c * b * b, h / b, w / b])
    }

    static func blockOp(_ name: String, toSpace: Bool, inverse: @escaping () -> Operator) -> Operator {
        Operator(name, display: name, params: BlockSizeParams.self, inputs: { _ in ["data"] }, widensHalfPrecision: false,
                 shape: { s, p in [try blockLayout(knownShape(s, 0, "data"), p.blockSize, toSpace: toSpace).out] },
                 type: Rules.sameType,
                 forward: { c in
                     let x = c.inputs[0], o = c.outputs[0]
                     let l = try blockLayout(x.shape, c.params.blockSize, toSpace: toSpace)
                     permuteElements(TensorRef(data: x.data, shape: l.view, dtype: x.dtype),
                                     TensorRef(data: o.data, shape: l.perm.map { l.view[$0] }, dtype: o.dtype), l.perm)
                 },
                 gradient: { g in [try Imperative.call(inverse(), [g.outputGradients[0]], g.params)] })
    }

    static let depthToSpace: Operator = blockOp("depth_to_space", toSpace: true) { Ops.spaceToDepth }
    static let spaceToDepth: Operator = blockOp("space_to_depth", toSpace: false) { Ops.depthToSpace }

    // MARK: - UpSampling

    /// Output shape of nearest upsampling and each input's scale.
    static func nearestUpsampling(_ shapes: [[Int]], _ p: UpSamplingParams) throws -> (out: [Int], scales: [Int]) {
        guard p.scale >= 1, p.scale <= 1 << 16 else { throw MXNetError("scale must be in 1...65536, got \(p.scale)") }
        guard let first = shapes.first else { throw MXNetError("num_args must be at least 1") }
        var out = first
        guard first.count == 4 else { throw MXNetError("input 'arg0' must be 4-d (N, C, H, W), got \(Shape.text(first))") }
        out[1] = 0; out[2] = first[2] * p.scale; out[3] = first[3] * p.scale
        var scales: [Int] = []
        for (i, s) in shapes.enumerated() {
            guard s.count == 4, s[0] == first[0] else {
                throw MXNetError("input 'arg\(i)' must be 4-d with batch size \(first[0]), got \(Shape.text(s))")
            }
            guard s[2] > 0, s[3] > 0, out[2] % s[2] == 0, out[3] % s[3] == 0, out[2] / s[2] == out[3] / s[3] else {
                throw MXNetError("input 'arg\(i)' of shape \(Shape.text(s)) does not divide the output size \(out[2])×\(out[3]) evenly")
            }
            scales.append(out[2] / s[2])
            if p.multiInputMode == .sum {
                guard out[1] == 0 || out[1] == s[1] else {
                    throw MXNetError("the number of channels must be the same when multi_input_mode is 'sum'")
                }
                out[1] = s[1]
            } else {
                out[1] += s[1]
            }
        }
        return (out, scales)
    }

    static let upSampling = Operator(
        "UpSampling", display: "UpSampling", params: UpSamplingParams.self,
        inputs: { p in p.sampleType == .nearest ? (0..<max(p.numArgs, 0)).map { "arg\($0)" } : ["data", "weight"] },
        shape: { s, p in
            switch p.sampleType {
            case .nearest:
                guard p.numArgs >= 1 else { throw MXNetError("num_args must be at least 1") }
                return [try nearestUpsampling(s.indices.map { try knownShape(s, $0, "arg\($0)") }, p).out]
            case .bilinear:
                guard s.count == 2 else { throw MXNetError("bilinear upsampling takes 2 inputs (data, weight)") }
                let d = try knownShape(s, 0, "data")
                guard d.count == 4 else { throw MXNetError("data must be 4-d (N, C, H, W), got \(Shape.text(d))") }
                guard p.scale >= 1, p.scale <= 1 << 16 else { throw MXNetError("scale must be in 1...65536, got \(p.scale)") }
                guard p.numFilter == d[1] else {
                    throw MXNetError("num_filter (\(p.numFilter)) must equal the number of channels (\(d[1]))")
                }
                let c = try p.deconvolution.conv.deconvolution(d)
                try fillParameterShape(&s[1], c.weight, "weight")
                return [c.out]
            }
        },
        type: { t, _ in
            let d = try Rules.floatData(t)
            for i in t.indices { t[i] = d }
            return [d]
        },
        forward: { c in
            let p = c.params, o = c.outputs[0]
            switch p.sampleType {
            case .nearest:
                let scales = try nearestUpsampling(c.inputs.map(\.shape), p).scales
                var offset = 0
                for (i, x) in c.inputs.enumerated() {
                    try o.dispatchFloat(NearestUpsampleKernel(input: x, out: o, scale: scales[i], channelOffset: offset,
                                                              accumulate: p.multiInputMode == .sum && i > 0))
                    if p.multiInputMode == .concat { offset += x.shape[1] }
                }
            case .bilinear:
                let d = p.deconvolution.conv
                try o.dispatchFloat(DeconvolutionForward(plan: try d.deconvolution(c.inputs[0].shape).plan,
                                                         data: c.inputs[0], weight: c.inputs[1], bias: nil, out: o))
            }
        },
        gradient: { g in
            let p = g.params, dy = g.outputGradients[0]
            switch p.sampleType {
            case .nearest:
                return try Imperative.invoke(upSamplingBackward, [dy] + g.inputs, p)
            case .bilinear:
                return try Imperative.invoke(deconvolutionBackward, [dy, g.inputs[0], g.inputs[1]], p.deconvolution)
            }
        })

    /// Gradients of nearest `UpSampling`: inputs (output gradient, the forward inputs for their shapes).
    static let upSamplingBackward = Operator(
        "_backward_UpSampling", display: "UpSampling backward", params: UpSamplingParams.self,
        inputs: { p in ["out_grad"] + (0..<max(p.numArgs, 0)).map { "arg\($0)" } }, outputs: { max($0.numArgs, 0) },
        shape: { s, p in
            let shapes = try (1..<s.count).map { try knownShape(s, $0, "arg\($0 - 1)") }
            let out = try nearestUpsampling(shapes, p).out
            guard s[0] == out else { throw MXNetError("the output gradient's shape does not match") }
            return shapes
        },
        type: { t, p in
            let d = try Rules.floatData(t, "out_grad")
            for i in t.indices { t[i] = d }
            return [DType](repeating: d, count: p.numArgs)
        },
        forward: { c in
            let p = c.params, dy = c.inputs[0]
            let scales = try nearestUpsampling(Array(c.inputs.dropFirst()).map(\.shape), p).scales
            var offset = 0
            for (i, dx) in c.outputs.enumerated() {
                try dy.dispatchFloat(NearestUpsampleBackwardKernel(outGrad: dy, inGrad: dx, scale: scales[i], channelOffset: offset))
                if p.multiInputMode == .concat { offset += dx.shape[1] }
            }
        },
        gradient: nil)

    // MARK: - BilinearResize2D

    static func bilinearResizeShape(_ s: [[Int]?], _ p: BilinearResizeParams) throws -> [Int] {
        let d = try knownShape(s, 0, "data")
        guard d.count == 4 else { throw MXNetError("data must be 4-d (N, C, H, W), got \(Shape.text(d))") }
        let like = p.mode == .like ? try knownShape(s, 1, "like") : nil
        let (h, w) = try p.outputSize(d, like: like)
        guard h > 0, w > 0 else { throw MXNetError("the output size \(h)×\(w) must be positive") }
        guard d[2] > 0, d[3] > 0 else { throw MXNetError("data must have a positive height and width, got \(Shape.text(d))") }
        return [d[0], d[1], h, w]
    }

    static let bilinearResize2D = Operator(
        "_contrib_BilinearResize2D", display: "BilinearResize2D", params: BilinearResizeParams.self,
        inputs: { $0.mode == .like ? ["data", "like"] : ["data"] },
        shape: { s, p in [try bilinearResizeShape(s, p)] },
        type: { t, _ in
            let d = try Rules.floatData(t)
            for i in t.indices { t[i] = d }
            return [d]
        },
        forward: { c in
            try c.inputs[0].dispatchFloat(BilinearResizeKernel(input: c.inputs[0], out: c.outputs[0],
                                                               alignCorners: c.params.alignCorners))
        },
        gradient: { g in
            let dx = try Imperative.call(bilinearResizeBackward, [g.outputGradients[0], g.inputs[0]], g.params)
            return g.params.mode == .like ? [dx, try np.zerosLike(g.inputs[1])] : [dx]
        })

    /// The gradient of `_contrib_BilinearResize2D` with respect to `data`: inputs (output gradient, data).
    static let bilinearResizeBackward = Operator(
        "_backward_contrib_BilinearResize2D", display: "BilinearResize2D backward", params: BilinearResizeParams.self,
        inputs: { _ in ["out_grad", "data"] },
        shape: { s, _ in [try knownShape(s, 1, "data")] },
        type: { t, _ in
            let d = try Rules.floatData(t, "out_grad")
            for i in t.indices { t[i] = d }
            return [d]
        },
        forward: { c in
            try c.inputs[0].dispatchFloat(BilinearResizeBackwardKernel(outGrad: c.inputs[0], inGrad: c.outputs[0],
                                                                       alignCorners: c.params.alignCorners))
        },
        gradient: nil)

    static var resampling: [Operator] {
        [depthToSpace, spaceToDepth, upSampling, upSamplingBackward, bilinearResize2D, bilinearResizeBackward]
    }
}
