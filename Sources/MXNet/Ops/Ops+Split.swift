/// Parameters of `_npi_split` (MXNet's `_split_v2`): pieces start at `indices`, or `sections` near-equal
/// pieces when `sections > 0`.
public struct SplitParams: OpParams {
    public var indices: [Int] = []
    public var axis = 1
    public var squeezeAxis = false
    public var sections = 0
    public init() {}
    public init(indices: [Int], axis: Int, squeezeAxis: Bool = false, sections: Int = 0) {
        self.indices = indices; self.axis = axis; self.squeezeAxis = squeezeAxis; self.sections = sections
    }
    public static let fields: [ParamField<SplitParams>] = [
        .ints("indices", \.indices, required: true), .int("axis", \.axis), .bool("squeeze_axis", \.squeezeAxis),
        .count("sections", \.sections),
    ]

    var outputCount: Int { sections > 0 ? sections : Swift.max(indices.count, 1) }
}

/// Parameters of MXNet 1.x `SliceChannel` / `split`: `num_outputs` equal pieces.
public struct SliceChannelParams: OpParams {
    public var numOutputs = 1
    public var axis = 1
    public var squeezeAxis = false
    public init() {}
    public static let fields: [ParamField<SliceChannelParams>] = [
        .count("num_outputs", \.numOutputs, required: true), .int("axis", \.axis), .bool("squeeze_axis", \.squeezeAxis),
    ]
}

/// Where each piece of a split starts and how long it is, along the (normalised) axis.
struct SplitPlan {
    let axis: Int
    let ranges: [(start: Int, size: Int)]
    let squeeze: Bool

    init(_ shape: [Int], axis: Int, indices: [Int], sections: Int, squeeze: Bool) throws {
        let a = try Shape.axis(axis, ndim: shape.count)
        let n = shape[a]
        var ranges: [(Int, Int)] = []
        if sections > 0 {
            var at = 0
            for k in 0..<sections {
                let size = n / sections + (k < n % sections ? 1 : 0)
                ranges.append((at, size)); at += size
            }
        } else {
            let starts = indices.isEmpty ? [0] : indices
            for (k, s) in starts.enumerated() {
                let end = k + 1 < starts.count ? starts[k + 1] : n
                guard s >= 0, s <= end, end <= n else {
                    throw MXNetError("split indices \(Shape.text(indices)) must be ascending and within the axis size \(n)")
                }
                ranges.append((s, end - s))
            }
        }
        if squeeze {
            for r in ranges where r.1 != 1 {
                throw MXNetError("squeeze_axis needs pieces of size 1 along the axis, got \(r.1)")
            }
        }
        self.axis = a; self.ranges = ranges; self.squeeze = squeeze
    }

    func shapes(_ shape: [Int]) -> [[Int]] {
        ranges.map { r in
            var s = shape
            if squeeze { s.remove(at: axis) } else { s[axis] = r.size }
            return s
        }
    }
}

extension Ops {
    static func splitOp<P: OpParams>(_ name: String, aliases: [String] = [], display: String, params: P.Type,
                                     outputs: @escaping (P) -> Int,
                                     plan: @escaping ([Int], P) throws -> SplitPlan) -> Operator {
        Operator(name, aliases: aliases, display: display, params: params, inputs: { _ in ["data"] },
                 outputs: outputs, widensHalfPrecision: false,
                 shape: { s, p in
                     guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
                     return try plan(x, p).shapes(x)
                 }, type: { t, p in
                     guard let d = t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
                     return [DType](repeating: d, count: outputs(p))
                 }, forward: { c in
                     let x = c.inputs[0], sp = try plan(x.shape, c.params)
                     splitElements(x, c.outputs, axis: sp.axis, ranges: sp.ranges)
                 }, gradient: { g in
                     let x = g.inputs[0], sp = try plan(x.shape, g.params)
                     var parts: [NDArray] = []
                     var at = 0
                     for (k, r) in sp.ranges.enumerated() {
                         if r.start > at {
                             var s = x.shape
                             s[sp.axis] = r.start - at
                             parts.append(try np.zeros(s, dtype: g.outputGradients[k].dtype))
                         }
                         var shape = x.shape
                         shape[sp.axis] = r.size
                         parts.append(try np.reshape(g.outputGradients[k], shape))
                         at = r.start + r.size
                     }
                     if at < x.shape[sp.axis] {
                         var s = x.shape
                         s[sp.axis] = x.shape[sp.axis] - at
                         parts.append(try np.zeros(s, dtype: g.outputGradients[0].dtype))
                     }
                     return [try np.concatenate(parts, axis: sp.axis)]
                 })
    }

    static let split = splitOp("_npi_split", aliases: ["_split_v2", "_npi_array_split"], display: "split",
                               params: SplitParams.self, outputs: \.outputCount) { x, p in
        try SplitPlan(x, axis: p.axis, indices: p.indices, sections: p.sections, squeeze: p.squeezeAxis)
    }

    /// `hsplit`: splits along axis 1, or axis 0 for 1-d arrays.
    static let hsplit = splitOp("_npi_hsplit", display: "hsplit", params: SplitParams.self, outputs: \.outputCount) { x, p in
        guard !x.isEmpty else { throw MXNetError("hsplit only works on arrays of 1 or more dimensions") }
        return try SplitPlan(x, axis: x.count == 1 ? 0 : p.axis, indices: p.indices, sections: p.sections,
                             squeeze: p.squeezeAxis)
    }

    static let sliceChannel = splitOp("SliceChannel", aliases: ["split", "_npx_slice_channel"], display: "split",
                                      params: SliceChannelParams.self, outputs: \.numOutputs) { x, p in
        guard p.numOutputs >= 1 else { throw MXNetError("num_outputs must be at least 1") }
        let a = try Shape.axis(p.axis, ndim: x.count)
        guard x[a] % p.numOutputs == 0 else {
            throw MXNetError("num_outputs (\(p.numOutputs)) must evenly divide the size of axis \(p.axis) (\(x[a]))")
        }
        return try SplitPlan(x, axis: p.axis, indices: [], sections: p.numOutputs, squeeze: p.squeezeAxis)
    }

    static var splits: [Operator] { [split, hsplit, sliceChannel] }
}
