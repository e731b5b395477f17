/// Parameters of axis reductions (`sum`, `mean`, `max`, ...), in MXNet 2.0's `_npi_*` spelling.
public struct ReduceParams: OpParams {
    /// Axes to reduce; nil reduces all.
    public var axis: [Int]?
    public var keepdims = false
    /// Output dtype (sum/mean); nil keeps MXNet's default.
    public var dtype: DType?
    /// Reduce over every axis *except* `axis` (MXNet 1.x).
    public var exclude = false
    public init() {}
    public init(axis: [Int]?, keepdims: Bool = false, dtype: DType? = nil) {
        self.axis = axis; self.keepdims = keepdims; self.dtype = dtype
    }
    public static let fields: [ParamField<ReduceParams>] = [
        .optionalInts("axis", \.axis), .bool("keepdims", \.keepdims), .optionalDType("dtype", \.dtype),
        .bool("exclude", \.exclude),
    ]

    /// The set of reduced axes for an input of rank `ndim`, normalised and checked.
    func reducedAxes(ndim: Int) throws -> [Bool] {
        var mask = [Bool](repeating: axis == nil, count: ndim)
        for a in axis ?? [] {
            let k = try Shape.axis(a, ndim: ndim)
            guard !mask[k] || axis == nil else { throw MXNetError("duplicate value in 'axis'") }
            mask[k] = true
        }
        if exclude { mask = mask.map { !$0 } }
        return mask
    }

    /// Output shape and the same shape with reduced axes kept as 1.
    func shapes(_ input: [Int]) throws -> (out: [Int], kept: [Int]) {
        let mask = try reducedAxes(ndim: input.count)
        let kept = input.enumerated().map { mask[$0.offset] ? 1 : $0.element }
        let out = keepdims ? kept : input.enumerated().filter { !mask[$0.offset] }.map(\.element)
        return (out, kept)
    }
}

extension Ops {
    static let sum = Operator(
        "_np_sum", aliases: ["_npi_sum"], display: "sum", params: ReduceParams.self, inputs: { _ in ["a"] },
        shape: { s, p in [try p.shapes(s[0]!).out] },
        type: { t, p in
            guard let d = t[0] else { throw MXNetError("input dtype is unknown") }
            let out = p.dtype ?? (d == .bool || (d.isInteger && d.size < 8 && d.isSignedInteger) ? (d == .bool ? .int64 : d) : d)
            t[0] = out
            return [out]
        },
        forward: { c in
            let kept = try c.params.shapes(c.inputs[0].shape).kept
            try c.inputs[0].dispatch(ReduceKernel<SumR>(input: c.inputs[0], out: c.outputs[0], keptShape: kept))
        },
        gradient: { g in
            let kept = try g.params.shapes(g.inputs[0].shape).kept
            return [try np.broadcastTo(np.reshape(g.outputGradients[0], kept), g.inputs[0].shape)]
        })

    static var reductions: [Operator] { [sum] }
}
