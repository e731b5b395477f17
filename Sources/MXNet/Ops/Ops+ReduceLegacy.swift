/// Parameters of MXNet 1.x reductions (`sum`, `mean`, `max`, `nansum`, ...): `axis` may be inverted by
/// `exclude`, and an empty or missing `axis` reduces everything.
public struct LegacyReduceParams: OpParams {
    public var axis: [Int]?
    public var keepdims = false
    /// Reduce over every axis *except* `axis`.
    public var exclude = false
    public init() {}
    public init(axis: [Int]?, keepdims: Bool = false, exclude: Bool = false) {
        self.axis = axis; self.keepdims = keepdims; self.exclude = exclude
    }
    public static let fields: [ParamField<LegacyReduceParams>] = [
        .optionalInts("axis", \.axis), .bool("keepdims", \.keepdims), .bool("exclude", \.exclude),
    ]

    func reducedAxes(ndim: Int) throws -> [Bool] {
        guard let axis, !axis.isEmpty else { return [Bool](repeating: true, count: ndim) }
        return try ReduceAxes.mask(axis, ndim: ndim, exclude: exclude, scalarAxis: false)
    }

    /// Output shape (a full reduction gives `(1,)`, as in MXNet 1.x) and the kept shape.
    func shapes(_ input: [Int]) throws -> (out: [Int], kept: [Int]) {
        var (out, kept) = ReduceAxes.shapes(input, try reducedAxes(ndim: input.count), keepdims: keepdims)
        if out.isEmpty && !keepdims { out = [1] }
        return (out, kept)
    }
}

extension Ops {
    /// An MXNet 1.x reduction: the output keeps the input's dtype.
    static func legacyReduce<F: ReduceFunctor>(
        _ name: String, aliases: [String] = [], display: String, _ f: F, noIdentity: Bool = false,
        gradient: ((GradientCall<LegacyReduceParams>) throws -> [NDArray?])?
    ) -> Operator {
        Operator(name, aliases: aliases, display: display, params: LegacyReduceParams.self, inputs: { _ in ["data"] },
                 shape: { s, p in
                     guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
                     _ = try p.reducedAxes(ndim: x.count)
                     if noIdentity && Shape.count(x) == 0 {
                         throw MXNetError("zero-size array to reduction operation \(display) which has no identity")
                     }
                     return [try p.shapes(x).out]
                 }, type: { t, _ in
                     guard let d = t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
                     if d == .bool { t[0] = .float32 }
                     return [d]
                 }, forward: { c in
                     try runReduce(c.inputs[0], c.outputs[0], try c.params.reducedAxes(ndim: c.inputs[0].ndim), f)
                 }, gradient: gradient)
    }

    static func legacyKept(_ g: GradientCall<LegacyReduceParams>) throws -> [Int] {
        try g.params.shapes(g.inputs[0].shape).kept
    }

    static let legacySum = legacyReduce("sum", aliases: ["sum_axis"], display: "sum", SumR()) { g in
        [try unreduce(g.outputGradients[0], kept: legacyKept(g), to: g.inputs[0].shape)]
    }

    static let legacyMean = legacyReduce("mean", display: "mean", MeanR()) { g in
        let x = g.inputs[0], kept = try legacyKept(g)
        let n = Swift.max(x.size / Swift.max(Shape.count(kept), 1), 1)
        return [try np.trueDivide(unreduce(g.outputGradients[0], kept: kept, to: x.shape), Double(n))]
    }

    static let legacyProd = legacyReduce("prod", display: "prod", ProdR()) { g in
        let x = g.inputs[0], kept = try legacyKept(g)
        return [try np.trueDivide(unreduce(np.multiply(g.outputGradients[0], g.outputs[0]), kept: kept, to: x.shape), x)]
    }

    static let legacyMax = legacyReduce("max", aliases: ["max_axis"], display: "max", MaxR(), noIdentity: true) { g in
        try extremumGradient(g.inputs[0], g.outputs[0], g.outputGradients[0], kept: legacyKept(g))
    }

    static let legacyMin = legacyReduce("min", aliases: ["min_axis"], display: "min", MinR(), noIdentity: true) { g in
        try extremumGradient(g.inputs[0], g.outputs[0], g.outputGradients[0], kept: legacyKept(g))
    }

    /// Sum treating NaN as zero; NaN elements get no gradient.
    static let nansum = legacyReduce("nansum", display: "nansum", NanSumR()) { g in
        let x = g.inputs[0], d = g.outputGradients[0]
        let keep = try np.astype(np.logicalNot(np.isnan(x)), d.dtype)
        return [try np.multiply(unreduce(d, kept: legacyKept(g), to: x.shape), keep)]
    }

    /// Product treating NaN as one; NaN elements get no gradient.
    static let nanprod = legacyReduce("nanprod", display: "nanprod", NanProdR()) { g in
        let x = g.inputs[0], nan = try np.isnan(x)
        let full = try unreduce(np.multiply(g.outputGradients[0], g.outputs[0]), kept: legacyKept(g), to: x.shape)
        return [try np.where(nan, 0, np.trueDivide(full, np.where(nan, 1, x)))]
    }

    static var legacyReductions: [Operator] {
        [legacySum, legacyMean, legacyProd, legacyMax, legacyMin, nansum, nanprod]
    }
}
