/// Parameters of `_npi_norm`, the kernel behind `np.linalg.norm`.
///
/// `flag` says which norm the Python front end asked for: -2 the 2-norm of all elements, -1 a vector p-norm
/// over one axis (or, with two axes, the matrix norm of order ±1, ±2, ±∞), 0 the matrix ±2-norm,
/// 1 the Frobenius norm, 2 the nuclear norm.
public struct NpNormParams: OpParams {
    public var ord = 2.0
    public var axis: [Int]?
    public var keepdims = false
    public var flag = -1
    public init() {}
    public init(ord: Double, axis: [Int]?, keepdims: Bool = false, flag: Int) {
        self.ord = ord; self.axis = axis; self.keepdims = keepdims; self.flag = flag
    }
    public static let fields: [ParamField<NpNormParams>] = [
        .double("ord", \.ord), .optionalInts("axis", \.axis), .bool("keepdims", \.keepdims), .int("flag", \.flag),
    ]
}

/// Parameters of MXNet 1.x `norm` (orders 1 and 2).
public struct LegacyNormParams: OpParams {
    public var ord = 2
    public var axis: [Int]?
    public var outDtype: DType?
    public var keepdims = false
    public init() {}
    public static let fields: [ParamField<LegacyNormParams>] = [
        .int("ord", \.ord), .optionalInts("axis", \.axis), .optionalDType("out_dtype", \.outDtype),
        .bool("keepdims", \.keepdims),
    ]
}

/// What a norm computes, resolved from its parameters and the input's rank.
enum NormPlan {
    /// A p-norm over the masked axes.
    case vector(p: Double, mask: [Bool])
    /// A matrix norm of order ±1 or ±∞: sum |x| over `sum`, then the max (or min) over `other`.
    case matrixSum(sum: Int, other: Int, isMax: Bool)
    /// A function of the singular values of the matrices spanned by `rows` × `cols`.
    case singular(rows: Int, cols: Int, fold: SingularValueKernel.Fold)

    init(_ p: NpNormParams, ndim: Int) throws {
        func axes(_ defaultCount: Int) throws -> [Int] {
            let given = p.axis ?? Array(Swift.max(ndim - defaultCount, 0)..<ndim)
            let mask = try ReduceAxes.mask(given, ndim: ndim)
            if ndim == 0 { return [] }
            return given.map { $0 < 0 ? $0 + ndim : $0 }.filter { mask.indices.contains($0) }
        }
        func matrix(_ a: [Int]) throws -> (Int, Int) {
            guard a.count == 2 else { throw MXNetError("matrix norms need 2 axes, got \(a.count)") }
            return (a[0], a[1])
        }
        switch p.flag {
        case -2:
            self = .vector(p: 2, mask: [Bool](repeating: true, count: ndim))
        case 1:
            self = .vector(p: 2, mask: try ReduceAxes.mask(try axes(2), ndim: ndim))
        case -1:
            let a = try axes(ndim == 1 ? 1 : 2)
            if a.count <= 1 {
                self = .vector(p: p.ord, mask: try ReduceAxes.mask(a, ndim: ndim))
                return
            }
            let (r, c) = try matrix(a)
            switch p.ord {
            case 1, -1: self = .matrixSum(sum: r, other: c, isMax: p.ord > 0)
            case .infinity, -.infinity: self = .matrixSum(sum: c, other: r, isMax: p.ord > 0)
            case 2, -2: self = .singular(rows: r, cols: c, fold: p.ord > 0 ? .largest : .smallest)
            default: throw MXNetError("invalid norm order \(AttributeValue.format(p.ord)) for matrices")
            }
        case 0:
            let (r, c) = try matrix(try axes(2))
            self = .singular(rows: r, cols: c, fold: p.ord < 0 ? .smallest : .largest)
        case 2:
            let (r, c) = try matrix(try axes(2))
            self = .singular(rows: r, cols: c, fold: .sum)
        default:
            throw MXNetError("invalid flag \(p.flag)")
        }
    }

    /// The reduced axes.
    func mask(ndim: Int) -> [Bool] {
        switch self {
        case .vector(_, let mask): return mask
        case .matrixSum(let a, let b, _), .singular(let a, let b, _): return (0..<ndim).map { $0 == a || $0 == b }
        }
    }
}

extension Ops {
    /// Runs a float-only reduction (norms); integer inputs were cast to float by the type rule.
    static func runFloatReduce<F: FloatReduceFunctor>(_ x: TensorRef, _ out: TensorRef, _ mask: [Bool], _ f: F) throws {
        try withOutput(out, as: x.dtype) { o in try x.dispatchFloat(ReduceKernel(input: x, out: o, reduced: mask, f)) }
    }

    static func normForward(_ x: TensorRef, _ out: TensorRef, _ plan: NormPlan) throws {
        switch plan {
        case .vector(let p, let mask):
            try runFloatReduce(x, out, mask, NormR(p: p))
        case .matrixSum(let sum, let other, let isMax):
            var kept = x.shape
            kept[sum] = 1
            let tmp = Storage(uninitializedByteCount: Shape.count(kept) * x.dtype.size)
            let t = TensorRef(data: tmp.data, shape: kept, dtype: x.dtype)
            try x.dispatchFloat(ReduceKernel(input: x, out: t, reduced: x.shape.indices.map { $0 == sum }, NormR(p: 1)))
            let mask = kept.indices.map { $0 == other }
            try withOutput(out, as: x.dtype) { o in
                if isMax {
                    try t.dispatchFloat(ReduceKernel(input: t, out: o, reduced: mask, MaxR()))
                } else {
                    try t.dispatchFloat(ReduceKernel(input: t, out: o, reduced: mask, MinR()))
                }
            }
        case .singular(let rows, let cols, let fold):
            let others = x.shape.indices.filter { $0 != rows && $0 != cols }
            let perm = others + [rows, cols]
            let permuted = perm.map { x.shape[$0] }
            let tmp = Storage(uninitializedByteCount: x.count * x.dtype.size)
            let t = TensorRef(data: tmp.data, shape: permuted, dtype: x.dtype)
            permuteElements(x, t, perm)
            try t.dispatchFloat(SingularValueKernel(input: t, out: out, batch: Shape.count(others.map { x.shape[$0] }),
                                                    rows: x.shape[rows], cols: x.shape[cols], fold: fold))
        }
    }

    /// Gradient of a vector p-norm `y` of `x` over `kept` (the output gradient `d` already in kept shape).
    static func vectorNormGradient(_ x: NDArray, _ y: NDArray, _ d: NDArray, p: Double) throws -> NDArray {
        let s = try np.sign(x)
        switch p {
        case 0: return try np.zerosLike(x)
        case 1: return try np.multiply(s, d)
        case 2: return try np.multiply(x, np.trueDivide(d, y))
        case .infinity, -.infinity:
            let hit = try np.astype(np.equal(np.abs(x), y), x.dtype)
            return try np.multiply(np.multiply(s, hit), d)
        default:
            let num = try np.multiply(s, np.power(np.abs(x), p - 1))
            return try np.multiply(num, np.trueDivide(d, np.power(y, p - 1)))
        }
    }

    /// Type rule of the norms: floats keep their dtype; integers compute in float32 and keep their dtype.
    static func normType(_ t: inout [DType?], _ out: DType?) throws -> [DType] {
        guard let d = t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
        let o = out ?? (d == .bool ? .float32 : d)
        t[0] = o.isFloatingPoint ? ReduceAxes.accumulation(d.floatResult, o) : d.floatResult
        return [o]
    }

    static let npNorm = Operator(
        "_npi_norm", display: "norm", params: NpNormParams.self, inputs: { _ in ["data"] },
        shape: { s, p in
            guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
            let plan = try NormPlan(p, ndim: x.count)
            return [ReduceAxes.shapes(x, plan.mask(ndim: x.count), keepdims: p.keepdims).out]
        }, type: { t, _ in try normType(&t, nil) },
        forward: { c in try normForward(c.inputs[0], c.outputs[0], try NormPlan(c.params, ndim: c.inputs[0].ndim)) },
        gradient: { g in
            let x = g.inputs[0]
            let plan = try NormPlan(g.params, ndim: x.ndim)
            let kept = ReduceAxes.shapes(x.shape, plan.mask(ndim: x.ndim), keepdims: true).kept
            let d = try np.reshape(g.outputGradients[0], kept), y = try np.reshape(g.outputs[0], kept)
            switch plan {
            case .vector(let p, _):
                return [try vectorNormGradient(x, y, d, p: p)]
            case .matrixSum(let sum, _, _):
                let sums = try np.sum(np.abs(x), axis: [sum], keepdims: true)
                let hit = try np.astype(np.equal(sums, y), x.dtype)
                return [try np.multiply(np.multiply(np.sign(x), hit), d)]
            case .singular:
                throw MXNetError("the gradient of the matrix 2-norm and nuclear norm is not supported")
            }
        })

    /// MXNet 1.x `norm`: the 1- or 2-norm over `axis` (all axes when nil); full reductions give `(1,)`.
    static let legacyNorm = Operator(
        "norm", aliases: ["_npx_norm"], display: "norm", params: LegacyNormParams.self, inputs: { _ in ["data"] },
        shape: { s, p in
            guard let x = s[0] else { throw MXNetError.unknownShape("input shape is unknown") }
            guard p.ord == 1 || p.ord == 2 else { throw MXNetError("ord must be 1 or 2, got \(p.ord)") }
            var (out, _) = ReduceAxes.shapes(x, try ReduceAxes.mask(p.axis, ndim: x.count), keepdims: p.keepdims)
            if out.isEmpty && !p.keepdims { out = [1] }
            return [out]
        }, type: { t, p in try normType(&t, p.outDtype) },
        forward: { c in
            let x = c.inputs[0]
            try runFloatReduce(x, c.outputs[0], try ReduceAxes.mask(c.params.axis, ndim: x.ndim), NormR(p: Double(c.params.ord)))
        },
        gradient: { g in
            let x = g.inputs[0]
            let kept = ReduceAxes.shapes(x.shape, try ReduceAxes.mask(g.params.axis, ndim: x.ndim), keepdims: true).kept
            let d = try np.reshape(g.outputGradients[0], kept), y = try np.reshape(g.outputs[0], kept)
            return [try vectorNormGradient(x, y, d, p: Double(g.params.ord))]
        })

    static var norms: [Operator] { [npNorm, legacyNorm] }
}
