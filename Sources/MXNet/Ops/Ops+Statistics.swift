/// Parameters of `argmax`/`argmin`: one axis, or nil for the flattened array.
public struct ArgReduceParams: OpParams {
    public var axis: Int?
    public var keepdims = false
    public init() {}
    public init(axis: Int?, keepdims: Bool = false) { self.axis = axis; self.keepdims = keepdims }
    public static let fields: [ParamField<ArgReduceParams>] = [
        .optionalInt("axis", \.axis), .bool("keepdims", \.keepdims),
    ]

    func reducedAxes(ndim: Int) throws -> [Bool] {
        try ReduceAxes.mask(axis.map { [$0] }, ndim: ndim)
    }
}

/// Parameters of `std` and `var`.
public struct MomentParams: OpParams {
    public var axis: [Int]?
    public var dtype: DType?
    /// Delta degrees of freedom: the divisor is `n - ddof`.
    public var ddof = 0
    public var keepdims = false
    public init() {}
    public init(axis: [Int]?, dtype: DType? = nil, ddof: Int = 0, keepdims: Bool = false) {
        self.axis = axis; self.dtype = dtype; self.ddof = ddof; self.keepdims = keepdims
    }
    public static let fields: [ParamField<MomentParams>] = [
        .optionalInts("axis", \.axis), .optionalDType("dtype", \.dtype), .int("ddof", \.ddof),
        .bool("keepdims", \.keepdims),
    ]
}

/// Parameters of `cumsum`: nil axis scans the flattened array.
public struct CumsumParams: OpParams {
    public var axis: Int?
    public var dtype: DType?
    public init() {}
    public init(axis: Int?, dtype: DType? = nil) { self.axis = axis; self.dtype = dtype }
    public static let fields: [ParamField<CumsumParams>] = [
        .optionalInt("axis", \.axis), .optionalDType("dtype", \.dtype),
    ]
}

extension Ops {
    // MARK: - argmax / argmin

    /// `legacy`: MXNet 1.x form (result in the input's dtype, full reductions give `(1,)`); otherwise int64.
    static func argExtremum(_ name: String, aliases: [String] = [], display: String, isMax: Bool,
                            legacy: Bool) -> Operator {
        Operator(name, aliases: aliases, display: display, params: ArgReduceParams.self, inputs: { _ in ["data"] },
                 shape: { s, p in
                     guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
                     let mask = try p.reducedAxes(ndim: x.count)
                     var (out, _) = ReduceAxes.shapes(x, mask, keepdims: p.keepdims)
                     if legacy && out.isEmpty && !p.keepdims { out = [1] }
                     try ReduceAxes.checkNonEmpty(x, mask, outputs: legacy ? 1 : Shape.count(out),
                                                  "attempt to get \(display) of an empty sequence,")
                     return [out]
                 }, type: { t, _ in
                     let d = try Rules.boolAsUInt8(&t)
                     return [legacy ? d : .int64]
                 }, forward: { c in
                     let x = c.inputs[0]
                     try x.dispatch(ArgExtremumKernel(input: x, out: c.outputs[0],
                                                      reduced: try c.params.reducedAxes(ndim: x.ndim), isMax: isMax))
                 }, gradient: nil)
    }

    static let argmax = argExtremum("_npi_argmax", display: "argmax", isMax: true, legacy: false)
    static let argmin = argExtremum("_npi_argmin", display: "argmin", isMax: false, legacy: false)
    static let legacyArgmax = argExtremum("argmax", display: "argmax", isMax: true, legacy: true)
    static let legacyArgmin = argExtremum("argmin", display: "argmin", isMax: false, legacy: true)

    /// MXNet 1.x `argmax_channel`: argmax over axis 1 (the channels), in the input's dtype.
    static let argmaxChannel = Operator(
        "argmax_channel", display: "argmax_channel", params: NoParams.self, inputs: { _ in ["data"] },
        shape: { s, _ in
            guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
            guard x.count >= 2 else { throw MXNetError("input must have at least 2 dimensions, got \(Shape.text(x))") }
            try ReduceAxes.checkNonEmpty(x, x.indices.map { $0 == 1 }, outputs: 1, "argmax_channel")
            var out = x
            out.remove(at: 1)
            return [out]
        }, type: { t, _ in
            let d = try Rules.boolAsUInt8(&t)
            return [d]
        }, forward: { c in
            let x = c.inputs[0]
            try x.dispatch(ArgExtremumKernel(input: x, out: c.outputs[0],
                                             reduced: x.shape.indices.map { $0 == 1 }, isMax: true))
        }, gradient: nil)

    // MARK: - std / var

    static func moment(_ name: String, display: String, takeRoot: Bool) -> Operator {
        Operator(name, display: display, params: MomentParams.self, inputs: { _ in ["a"] },
                 shape: { s, p in
                     guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
                     return [ReduceAxes.shapes(x, try ReduceAxes.mask(p.axis, ndim: x.count), keepdims: p.keepdims).out]
                 }, type: { t, p in
                     guard let d = t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
                     // Integer inputs keep their dtype (the result truncates), as MXNet 1.9.1 does.
                     let out = p.dtype ?? (d == .bool ? .float32 : d)
                     if d == .bool { t[0] = .float32 }
                     else if d.isFloatingPoint && out.isFloatingPoint { t[0] = ReduceAxes.accumulation(d, out) }
                     return [out]
                 }, forward: { c in
                     let x = c.inputs[0]
                     try x.dispatch(MomentKernel(input: x, out: c.outputs[0],
                                                      reduced: try ReduceAxes.mask(c.params.axis, ndim: x.ndim),
                                                      ddof: c.params.ddof, takeRoot: takeRoot))
                 }, gradient: { g in
                     let x = g.inputs[0], p = g.params
                     let mask = try ReduceAxes.mask(p.axis, ndim: x.ndim)
                     let kept = ReduceAxes.shapes(x.shape, mask, keepdims: true).kept
                     let n = x.size / Swift.max(Shape.count(kept), 1)
                     let divisor = Double(Swift.max(n - p.ddof, 0))
                     let d = g.outputGradients[0]
                     let centered = try np.subtract(x, np.mean(x, axis: p.axis, keepdims: true))
                     var scale = try np.trueDivide(np.reshape(d, kept), divisor)
                     if takeRoot {
                         // d std = (x - mean) / (divisor * std); zero where std is zero.
                         let y = try np.reshape(g.outputs[0], kept)
                         scale = try np.where(np.equal(y, 0), 0, np.trueDivide(scale, y))
                     } else {
                         scale = try np.multiply(scale, 2)
                     }
                     return [try np.multiply(centered, scale)]
                 })
    }

    static let std = moment("_npi_std", display: "std", takeRoot: true)
    static let variance = moment("_npi_var", display: "var", takeRoot: false)

    // MARK: - cumsum

    static let cumsum = Operator(
        "_np_cumsum", aliases: ["cumsum", "_npi_cumsum"], display: "cumsum", params: CumsumParams.self,
        inputs: { _ in ["a"] },
        shape: { s, p in
            guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
            guard let axis = p.axis else { return [[Shape.count(x)]] }
            if x.isEmpty {
                _ = try Shape.axis(axis, ndim: 1)
                return [[1]]
            }
            _ = try Shape.axis(axis, ndim: x.count)
            return [x]
        }, type: { t, p in
            guard let d = t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
            let out = p.dtype ?? (d == .bool ? .int64 : d)
            t[0] = ReduceAxes.accumulation(d, out)
            return [out]
        }, forward: { c in
            let x = c.inputs[0]
            var (outer, length, inner) = (1, x.count, 1)
            if let axis = c.params.axis, x.ndim > 0 {
                let a = try Shape.axis(axis, ndim: x.ndim)
                outer = Shape.count(Array(x.shape[..<a]))
                length = x.shape[a]
                inner = Shape.count(Array(x.shape[(a + 1)...]))
            }
            try withOutput(c.outputs[0], as: x.dtype) { o in
                try x.dispatch(CumsumKernel(input: x, out: o, outer: outer, length: length, inner: inner))
            }
        }, gradient: { g in
            let x = g.inputs[0], d = g.outputGradients[0]
            // The gradient of a running sum is the running sum from the end.
            let axis = g.params.axis.flatMap { x.ndim > 0 ? $0 : nil } ?? 0
            let flat = g.params.axis == nil || x.ndim == 0
            let r = try np.flip(np.cumsum(np.flip(d, axis: [axis]), axis: axis), axis: [axis])
            return [flat ? try np.reshape(r, x.shape) : r]
        })

    static var statistics: [Operator] {
        [argmax, argmin, legacyArgmax, legacyArgmin, argmaxChannel, std, variance, cumsum] + norms
    }
}
