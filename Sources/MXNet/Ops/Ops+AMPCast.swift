/// Parameters of `amp_multicast`.
public struct AMPMultiCastParams: OpParams {
    public var numOutputs = 1
    /// Cast to the narrowest float type present instead of the widest.
    public var castNarrow = false
    public init() {}
    public static let fields: [ParamField<AMPMultiCastParams>] = [
        .count("num_outputs", \.numOutputs, required: true), .bool("cast_narrow", \.castNarrow),
    ]
}

extension Ops {
    /// The dtypes automatic mixed precision casts between; others pass through unchanged.
    static func isAMPFloat(_ d: DType) -> Bool { d == .float32 || d == .float16 || d == .bfloat16 }

    /// `amp_cast` (inserted by MXNet 1.x's AMP conversion): float32/float16/bfloat16 data to `dtype`; other dtypes
    /// (float64, integers) unchanged.
    static let ampCast = Operator(
        "amp_cast", display: "amp_cast", params: CastParams.self, inputs: { _ in ["data"] }, widensHalfPrecision: false,
        shape: Rules.sameShape, partialShape: Rules.sameShapePartial,
        type: { t, p in
            guard let d = t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
            return [isAMPFloat(d) ? p.dtype : d]
        },
        forward: { c in convertElements(c.inputs[0], c.outputs[0]) },
        gradient: { g in [try np.astype(g.outputGradients[0], g.inputs[0].dtype)] })

    /// The common dtype of `amp_multicast`'s float inputs, as MXNet 1.9.1 chooses it.
    static func ampMultiCastType(_ t: [DType?], narrow: Bool) throws -> DType {
        guard let first = t.first ?? nil else { throw MXNetError.unknownType("input dtypes are unknown") }
        var common = narrow ? DType.float32 : first
        for d in t {
            if !narrow && d == .float32 { common = .float32 }
            else if narrow && d == .float16 { common = .float16 }
            else if narrow && d == .bfloat16 { common = .bfloat16 }
        }
        return common
    }

    /// `amp_multicast`: casts its float32/float16/bfloat16 inputs to one dtype (the widest, or with `cast_narrow`
    /// the narrowest); other inputs pass through.
    static let ampMultiCast = Operator(
        "amp_multicast", display: "amp_multicast", params: AMPMultiCastParams.self,
        inputs: { p in (0..<max(p.numOutputs, 0)).map { "data\($0)" } }, outputs: { max($0.numOutputs, 0) }, widensHalfPrecision: false,
        shape: { s, p in
            guard p.numOutputs >= 1 else { throw MXNetError("num_outputs must be at least 1") }
            return try s.indices.map { try knownShape(s, $0, "data\($0)") }
        },
        type: { t, p in
            let common = try ampMultiCastType(t, narrow: p.castNarrow)
            return try t.indices.map { i in
                guard let d = t[i] else { throw MXNetError.unknownType("the dtype of 'data\(i)' is unknown") }
                return isAMPFloat(d) ? common : d
            }
        },
        forward: { c in
            for (x, o) in zip(c.inputs, c.outputs) { convertElements(x, o) }
        },
        gradient: { g in
            try zip(g.inputs, g.outputGradients).map { x, d in try np.astype(d, x.dtype) }
        })

    static var ampCasts: [Operator] { [ampCast, ampMultiCast] }
}
