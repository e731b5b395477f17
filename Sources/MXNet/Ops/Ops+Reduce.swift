/// Parameters of NumPy axis reductions (`_np_sum`, `_npi_mean`, `_np_prod`, `_np_max`, `_np_all`, ...).
public struct ReduceParams: OpParams {
    /// Axes to reduce; nil reduces all, `()` none.
    public var axis: [Int]?
    public var keepdims = false
    /// Output dtype (`sum`, `prod`, `mean`); nil keeps NumPy's default.
    public var dtype: DType?
    /// NumPy's `initial`: MXNet 1.9.1 accepts only None.
    public var initial: Double?
    public init() {}
    public init(axis: [Int]?, keepdims: Bool = false, dtype: DType? = nil) {
        self.axis = axis; self.keepdims = keepdims; self.dtype = dtype
    }
    public static let fields: [ParamField<ReduceParams>] = [
        .optionalInts("axis", \.axis), .bool("keepdims", \.keepdims), .optionalDType("dtype", \.dtype),
        .optionalDouble("initial", \.initial),
    ]

    /// The reduced axes of an input of rank `ndim`, checked.
    func reducedAxes(ndim: Int, scalarAxis: Bool = true) throws -> [Bool] {
        guard initial == nil else { throw MXNetError("'initial' is not supported") }
        return try ReduceAxes.mask(axis, ndim: ndim, scalarAxis: scalarAxis)
    }

    /// Output shape and the input shape with reduced axes set to 1.
    func shapes(_ input: [Int]) throws -> (out: [Int], kept: [Int]) {
        try ReduceAxes.shapes(input, reducedAxes(ndim: input.count), keepdims: keepdims)
    }
}

/// Axis bookkeeping shared by all reductions.
enum ReduceAxes {
    /// A mask of reduced axes: nil means all; negative axes count from the end; duplicates are rejected.
    /// With `scalarAxis`, a 0-d input accepts axis 0 or -1 (and reduces nothing), as MXNet's `sum` does.
    static func mask(_ axis: [Int]?, ndim: Int, exclude: Bool = false, scalarAxis: Bool = true) throws -> [Bool] {
        guard let axis else { return [Bool](repeating: true, count: ndim) }
        var mask = [Bool](repeating: false, count: ndim)
        for a in axis {
            if scalarAxis && ndim == 0 && (a == 0 || a == -1) { continue }
            let k = try Shape.axis(a, ndim: ndim)
            guard !mask[k] else { throw MXNetError("duplicate value \(a) in 'axis'") }
            mask[k] = true
        }
        return exclude ? mask.map { !$0 } : mask
    }

    static func shapes(_ input: [Int], _ mask: [Bool], keepdims: Bool) -> (out: [Int], kept: [Int]) {
        let kept = input.enumerated().map { mask[$0.offset] ? 1 : $0.element }
        let out = keepdims ? kept : input.enumerated().filter { !mask[$0.offset] }.map(\.element)
        return (out, kept)
    }

    /// Throws when reducing an empty range into a non-empty output (`max` has no identity).
    static func checkNonEmpty(_ input: [Int], _ mask: [Bool], outputs: Int, _ what: String) throws {
        let reduced = zip(input, mask).filter { $0.1 }.reduce(1) { $0 * $1.0 }
        if reduced == 0 && outputs > 0 {
            throw MXNetError("zero-size array to reduction operation \(what) which has no identity")
        }
    }

    /// The dtype a reduction accumulates in for input `x` and output `out`: floats win (the wider when both
    /// are floats); integers accumulate in int64.
    static func accumulation(_ x: DType, _ out: DType) -> DType {
        if x == out { return x }
        if x.isFloatingPoint && out.isFloatingPoint { return DType.promote(x, out) }
        if x.isFloatingPoint { return x }
        if out.isFloatingPoint { return out }
        return .int64
    }
}

/// Runs `f` over `x` into `out`; bool arrays reduce as bytes, and an output dtype other than the input's
/// is written through a temporary.
func runReduce<F: ReduceFunctor>(_ x: TensorRef, _ out: TensorRef, _ mask: [Bool], _ f: F) throws {
    let x = x.dtype == .bool ? x.asUInt8 : x
    try withOutput(out, as: x.dtype) { o in try x.dispatch(ReduceKernel(input: x, out: o, reduced: mask, f)) }
}

/// Calls `body` with an output of dtype `dtype`: `out` itself when it has that dtype (or the same bytes as
/// bool/uint8), otherwise a temporary converted into `out` afterwards.
func withOutput(_ out: TensorRef, as dtype: DType, _ body: (TensorRef) throws -> Void) rethrows {
    if out.dtype == dtype { return try body(out) }
    if out.dtype == .bool && dtype == .uint8 {
        try body(out.asUInt8)
        normaliseBool(out)
        return
    }
    let tmp = Storage(uninitializedByteCount: out.count * dtype.size)
    let t = TensorRef(data: tmp.data, shape: out.shape, dtype: dtype)
    try body(t)
    convertElements(t, out)
}

extension Ops {
    // MARK: - Builders

    /// A NumPy reduction: shapes from ``ReduceParams``, kernel `f`, dtypes from `type`.
    static func npReduce<F: ReduceFunctor>(
        _ name: String, aliases: [String] = [], display: String, _ f: F, noIdentity: Bool = false,
        input: String = "a", type: @escaping (inout [DType?], ReduceParams) throws -> [DType],
        gradient: ((GradientCall<ReduceParams>) throws -> [NDArray?])?
    ) -> Operator {
        Operator(name, aliases: aliases, display: display, params: ReduceParams.self, inputs: { _ in [input] },
                 shape: { s, p in
                     guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
                     let mask = try p.reducedAxes(ndim: x.count, scalarAxis: !noIdentity)
                     let (out, _) = ReduceAxes.shapes(x, mask, keepdims: p.keepdims)
                     if noIdentity { try ReduceAxes.checkNonEmpty(x, mask, outputs: Shape.count(out), display) }
                     return [out]
                 }, type: type,
                 forward: { c in
                     try runReduce(c.inputs[0], c.outputs[0], try c.params.reducedAxes(ndim: c.inputs[0].ndim), f)
                 }, gradient: gradient)
    }

    /// `g` (a reduction's output gradient) reshaped to the kept shape and broadcast back over `shape`.
    static func unreduce(_ g: NDArray, kept: [Int], to shape: [Int]) throws -> NDArray {
        try np.broadcastTo(np.reshape(g, kept), shape)
    }

    static func sumType(_ t: inout [DType?], _ p: ReduceParams) throws -> [DType] {
        guard let d = t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
        let out = p.dtype ?? (d == .bool ? .int64 : d)
        t[0] = ReduceAxes.accumulation(d, out)
        return [out]
    }

    static func sameTypeNoDType(_ t: inout [DType?], _ p: ReduceParams) throws -> [DType] {
        guard p.dtype == nil else { throw MXNetError("'dtype' is not supported") }
        guard let d = t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
        return [d]
    }

    static func boolReduceType(_ t: inout [DType?], _ p: ReduceParams) throws -> [DType] {
        guard p.dtype == nil else { throw MXNetError("'dtype' is not supported") }
        t[0] = .bool
        return [.bool]
    }

    /// Gradient of max/min: the output gradient flows to every element equal to the result.
    static func extremumGradient(_ x: NDArray, _ y: NDArray, _ g: NDArray, kept: [Int]) throws -> [NDArray?] {
        let mask = try np.equal(x, np.reshape(y, kept))
        return [try np.multiply(unreduce(g, kept: kept, to: x.shape), np.astype(mask, g.dtype))]
    }

    // MARK: - Operators

    static let sum = npReduce("_np_sum", aliases: ["_npi_sum"], display: "sum", SumR(), type: sumType) { g in
        let kept = try g.params.shapes(g.inputs[0].shape).kept
        return [try unreduce(g.outputGradients[0], kept: kept, to: g.inputs[0].shape)]
    }

    static let prod = npReduce("_np_prod", aliases: ["_np_product", "_npi_prod"], display: "prod", ProdR(),
                               type: sumType) { g in
        let x = g.inputs[0], kept = try g.params.shapes(x.shape).kept
        let gy = try np.multiply(g.outputGradients[0], np.astype(g.outputs[0], g.outputGradients[0].dtype))
        return [try np.trueDivide(unreduce(gy, kept: kept, to: x.shape), x)]
    }

    static let mean = npReduce("_npi_mean", display: "mean", MeanR(), type: { t, p in
        guard let d = t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
        let out = p.dtype ?? d.floatResult
        t[0] = out.isFloatingPoint ? ReduceAxes.accumulation(d.floatResult, out) : d.floatResult
        return [out]
    }) { g in
        let x = g.inputs[0], kept = try g.params.shapes(x.shape).kept
        let n = Swift.max(x.size / Swift.max(Shape.count(kept), 1), 1)
        return [try np.trueDivide(unreduce(g.outputGradients[0], kept: kept, to: x.shape), Double(n))]
    }

    static let amax = npReduce("_np_max", aliases: ["_np_amax", "_npi_max", "_npi_amax"], display: "max", MaxR(), noIdentity: true,
                              type: sameTypeNoDType) { g in
        try extremumGradient(g.inputs[0], g.outputs[0], g.outputGradients[0],
                             kept: g.params.shapes(g.inputs[0].shape).kept)
    }

    static let amin = npReduce("_np_min", aliases: ["_np_amin", "_npi_min", "_npi_amin"], display: "min", MinR(), noIdentity: true,
                              type: sameTypeNoDType) { g in
        try extremumGradient(g.inputs[0], g.outputs[0], g.outputGradients[0],
                             kept: g.params.shapes(g.inputs[0].shape).kept)
    }

    static let all = npReduce("_np_all", aliases: ["_npi_all"], display: "all", AllR(), input: "data", type: boolReduceType, gradient: nil)
    static let any = npReduce("_np_any", aliases: ["_npi_any", "_np_sometrue"], display: "any", AnyR(), input: "data", type: boolReduceType, gradient: nil)

    static var reductions: [Operator] {
        [sum, prod, mean, amax, amin, all, any] + legacyReductions + statistics
    }
}
