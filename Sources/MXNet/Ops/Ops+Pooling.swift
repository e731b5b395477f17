/// Parameters of `Pooling`.
public struct PoolingParams: OpParams {
    public enum PoolType: String, CaseIterable, Sendable { case max, avg, sum, lp }
    public enum Convention: String, CaseIterable, Sendable { case valid, full, same }

    public var kernel: [Int] = []
    public var poolType = PoolType.max
    /// Pool over the whole spatial extent (kernel, stride and pad are ignored).
    public var globalPool = false
    public var cudnnOff = false
    public var poolingConvention = Convention.valid
    public var stride: [Int] = []
    public var pad: [Int] = []
    /// The p of Lp pooling (1, 2 or 3).
    public var pValue: Int?
    /// Whether average pooling counts padded elements (nil means true, MXNet's default).
    public var countIncludePad: Bool?
    /// `NCW`, `NCHW` or `NCDHW` (channels-last layouts are not supported on CPU).
    public var layout: String?

    public init() {}
    public init(kernel: [Int], poolType: PoolType = .max, globalPool: Bool = false, stride: [Int] = [], pad: [Int] = [],
                poolingConvention: Convention = .valid, pValue: Int? = nil, countIncludePad: Bool? = nil) {
        self.kernel = kernel; self.poolType = poolType; self.globalPool = globalPool; self.stride = stride
        self.pad = pad; self.poolingConvention = poolingConvention; self.pValue = pValue
        self.countIncludePad = countIncludePad
    }

    public static let fields: [ParamField<PoolingParams>] = [
        .ints("kernel", \.kernel), .choice("pool_type", \.poolType), .bool("global_pool", \.globalPool),
        .bool("cudnn_off", \.cudnnOff), .choice("pooling_convention", \.poolingConvention), .ints("stride", \.stride),
        .ints("pad", \.pad), .optionalInt("p_value", \.pValue), .optionalBool("count_include_pad", \.countIncludePad),
        ParamField("layout", required: false, parse: { p, s in
            p.layout = AttributeValue.isNone(s) ? nil : String(AttributeValue.strip(s))
        }, format: { $0.layout ?? "None" }),
    ]

    var mode: PoolMode {
        switch poolType {
        case .max: return .max
        case .avg: return .average(countPadding: countIncludePad ?? true)
        case .sum: return .sum
        case .lp: return .power(pValue ?? 1)
        }
    }

    /// Window geometry and output shape for `data` (batch, channel, 1-3 spatial axes).
    func geometry(_ data: [Int]) throws -> (geometry: PoolGeometry, out: [Int]) {
        guard (3...5).contains(data.count) else {
            throw MXNetError("data must be 3-d, 4-d or 5-d (batch, channel, spatial...), got shape \(Shape.text(data))")
        }
        let nd = data.count - 2
        let expected = ["NCW", "NCHW", "NCDHW"][nd - 1]
        if let layout, layout != expected {
            throw MXNetError("unsupported layout '\(layout)' (only \(expected) is supported for \(data.count)-d data)")
        }
        if poolType == .lp {
            guard let p = pValue else { throw MXNetError("p_value is required for Lp pooling") }
            guard (1...3).contains(p) else { throw MXNetError("p value of \(p) is not supported (1, 2 or 3)") }
        }
        guard poolingConvention != .same else {
            throw MXNetError("pooling_convention 'same' is not supported (MXNet 1.9.1 rejects it as well)")
        }
        let input = Array(data.suffix(nd)), planes = data[0] * data[1]
        if globalPool {
            let ones = [Int](repeating: 1, count: nd)
            return (PoolGeometry(planes: planes, input: input, output: ones, kernel: input, stride: ones,
                                 pad: [Int](repeating: 0, count: nd)), Array(data.prefix(2)) + ones)
        }
        guard kernel.count == nd else {
            throw MXNetError("kernel has \(kernel.count) entries but the data has \(nd) spatial axes")
        }
        guard kernel.allSatisfy({ $0 > 0 }) else { throw MXNetError("kernel entries must be positive") }
        func spatial(_ v: [Int], _ name: String, _ fill: Int, _ minimum: Int) throws -> [Int] {
            if v.isEmpty { return [Int](repeating: fill, count: nd) }
            guard v.count == nd else { throw MXNetError("'\(name)' has \(v.count) entries but the kernel has \(nd)") }
            guard v.allSatisfy({ $0 >= minimum }) else { throw MXNetError("'\(name)' entries must be at least \(minimum)") }
            return v
        }
        let s = try spatial(stride, "stride", 1, 1), p = try spatial(pad, "pad", 0, 0)
        var output: [Int] = []
        for i in 0..<nd {
            let span = input[i] + 2 * p[i]
            guard kernel[i] <= span else {
                throw MXNetError("kernel size (\(kernel[i])) exceeds input (\(input[i]) padded to \(span))")
            }
            let steps = span - kernel[i]
            output.append(1 + (poolingConvention == .full ? (steps + s[i] - 1) / s[i] : steps / s[i]))
        }
        return (PoolGeometry(planes: planes, input: input, output: output, kernel: kernel, stride: s, pad: p),
                Array(data.prefix(2)) + output)
    }
}

extension Ops {
    static let pooling: Operator = Operator(
        "Pooling", aliases: ["_npx_pooling"], display: "Pooling", params: PoolingParams.self,
        inputs: { _ in ["data"] },
        shape: { s, p in
            guard let data = s[0] else { throw MXNetError.unknownShape("the shape of 'data' is unknown") }
            return [try p.geometry(data).out]
        },
        partialShape: { c in
            // Forward only, as MXNet: sizes that follow from unknown data sizes are unknown (global pooling's are 1).
            guard let d = c.inputs[0], (3...5).contains(d.count) else { return }
            let u = PartialShape.unknown
            var out = try c.params.geometry(d.indices.map { i in d[i] != u ? d[i] : i < 2 ? 1 : 1 << 16 }).out
            for i in d.indices where d[i] == u && (i < 2 || !c.params.globalPool) { out[i] = u }
            try PartialShape.assign(&c.outputs[0], out, "output")
        },
        type: Rules.sameType,
        forward: { c in
            let g = try c.params.geometry(c.inputs[0].shape).geometry
            try c.inputs[0].dispatchFloat(PoolingForward(geometry: g, mode: c.params.mode, data: c.inputs[0], out: c.outputs[0]))
        },
        gradient: { g in
            [try Imperative.call(poolingBackward, [g.outputGradients[0], g.inputs[0], g.outputs[0]], g.params)]
        })

    /// Gradient of `Pooling`: inputs (output gradient, data, output).
    static let poolingBackward: Operator = Operator(
        "_backward_Pooling", display: "Pooling_backward", params: PoolingParams.self,
        inputs: { _ in ["ograd", "data", "output"] },
        shape: { s, p in
            let k = try knownShapes(s)
            let out = try p.geometry(k[1]).out
            guard k[0] == out, k[2] == out else { throw MXNetError("gradient shapes do not match the pooling output") }
            return [k[1]]
        },
        type: Rules.sameType,
        forward: { c in
            let g = try c.params.geometry(c.inputs[1].shape).geometry
            try c.inputs[0].dispatchFloat(PoolingBackward(geometry: g, mode: c.params.mode, outGrad: c.inputs[0],
                                                          data: c.inputs[1], output: c.inputs[2], dData: c.outputs[0]))
        },
        gradient: nil)
}
