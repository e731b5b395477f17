/// Parameters of `broadcast_like`: which axes of `lhs` take their size from which axes of `rhs` (all axes when
/// either is None).
public struct BroadcastLikeParams: OpParams {
    public var lhsAxes: [Int]?
    public var rhsAxes: [Int]?
    public init() {}
    public init(lhsAxes: [Int]?, rhsAxes: [Int]?) { self.lhsAxes = lhsAxes; self.rhsAxes = rhsAxes }
    public static let fields: [ParamField<BroadcastLikeParams>] = [
        .optionalInts("lhs_axes", \.lhsAxes), .optionalInts("rhs_axes", \.rhsAxes),
    ]
}

/// Parameters of `broadcast_axis`: axes of size 1 and the sizes they broadcast to.
public struct BroadcastAxisParams: OpParams {
    public var axis: [Int] = []
    public var size: [Int] = []
    public init() {}
    public init(axis: [Int], size: [Int]) { self.axis = axis; self.size = size }
    public static let fields: [ParamField<BroadcastAxisParams>] = [.ints("axis", \.axis), .ints("size", \.size)]
}

/// Parameters of `arange_like`: `start + (i / repeat) * step` over the input's shape, or along one axis.
public struct ArangeLikeParams: OpParams {
    public var start = 0.0
    public var step = 1.0
    public var repeatCount = 1
    public var ctx = ""
    public var axis: Int?
    public init() {}
    public init(start: Double, step: Double, repeat: Int, axis: Int?) {
        self.start = start; self.step = step; repeatCount = `repeat`; self.axis = axis
    }
    public static let fields: [ParamField<ArangeLikeParams>] = [
        .double("start", \.start), .double("step", \.step), .int("repeat", \.repeatCount),
        .string("ctx", \.ctx), .optionalInt("axis", \.axis),
    ]
}

extension Ops {
    /// Output shape of `broadcast_like`.
    static func broadcastLikeShape(_ l: [Int], _ r: [Int], _ p: BroadcastLikeParams) throws -> [Int] {
        func cannot() -> MXNetError {
            MXNetError("array of shape \(Shape.text(l)) cannot be broadcast like \(Shape.text(r))")
        }
        guard let la = p.lhsAxes, let ra = p.rhsAxes else {
            guard l.count == r.count else { throw cannot() }
            for i in 0..<l.count where l[i] != r[i] && l[i] != 1 { throw cannot() }
            return r
        }
        guard la.count == ra.count else {
            throw MXNetError("lhs_axes \(Shape.text(la)) and rhs_axes \(Shape.text(ra)) differ in length")
        }
        var out = l
        for (a, b) in zip(la, ra) {
            let i = try Shape.axis(a, ndim: l.count, argument: "lhs_axes entry")
            let j = try Shape.axis(b, ndim: r.count, argument: "rhs_axes entry")
            guard l[i] == 1 || l[i] == r[j] else { throw cannot() }
            out[i] = r[j]
        }
        return out
    }

    static let broadcastLike = Operator(
        "broadcast_like", aliases: [], display: "broadcast_like", params: BroadcastLikeParams.self,
        inputs: { _ in ["lhs", "rhs"] }, widensHalfPrecision: false,
        shape: { s, p in [try broadcastLikeShape(knownShape(s, 0, "lhs"), knownShape(s, 1, "rhs"), p)] },
        type: { t, _ in
            guard let d = t[0] else { throw MXNetError.unknownType("dtype of 'lhs' is unknown") }
            return [d]
        },
        forward: { c in copyBroadcast(c.inputs[0], c.outputs[0]) },
        gradient: { g in [try reduceTo(g.outputGradients[0], g.inputs[0].shape), try np.zerosLike(g.inputs[1])] })

    static let broadcastAxis = Operator(
        "broadcast_axis", aliases: ["broadcast_axes"], display: "broadcast_axis", params: BroadcastAxisParams.self,
        inputs: { _ in ["data"] }, widensHalfPrecision: false,
        shape: { s, p in
            var out = try knownShape(s, 0, "data")
            guard p.axis.count == p.size.count else {
                throw MXNetError("axis \(Shape.text(p.axis)) and size \(Shape.text(p.size)) differ in length")
            }
            for (a, n) in zip(p.axis, p.size) {
                let i = try Shape.axis(a, ndim: out.count)
                guard out[i] == 1 else { throw MXNetError("broadcast axis \(a) must have size 1, got \(out[i])") }
                guard n >= 0 else { throw MXNetError("size must be non-negative, got \(n)") }
                out[i] = n
            }
            return [out]
        }, type: Rules.sameType,
        forward: { c in copyBroadcast(c.inputs[0], c.outputs[0]) },
        gradient: { g in [try reduceTo(g.outputGradients[0], g.inputs[0].shape)] })

    /// The input's shape as an int64 vector.
    static let shapeArray = Operator(
        "_npx_shape_array", aliases: ["shape_array"], display: "shape_array", params: NoParams.self,
        inputs: { _ in ["data"] }, widensHalfPrecision: false,
        shape: { s, _ in [[try knownShape(s, 0, "data").count]] }, type: { _, _ in [.int64] },
        forward: { c in
            let o = c.outputs[0].pointer(Int64.self)
            for (i, d) in c.inputs[0].shape.enumerated() { o[i] = Int64(d) }
        }, gradient: { g in [try np.zerosLike(g.inputs[0])] })

    /// The input's element count as an int64 vector of length 1.
    static let sizeArray = Operator(
        "size_array", aliases: [], display: "size_array", params: NoParams.self,
        inputs: { _ in ["data"] }, widensHalfPrecision: false,
        shape: { s, _ in _ = try knownShape(s, 0, "data"); return [[1]] }, type: { _, _ in [.int64] },
        forward: { c in c.outputs[0].pointer(Int64.self)[0] = Int64(c.inputs[0].count) },
        gradient: { g in [try np.zerosLike(g.inputs[0])] })

    static let arangeLike = Operator(
        "_npx_arange_like", aliases: ["_contrib_arange_like"], display: "arange_like", params: ArangeLikeParams.self,
        inputs: { _ in ["data"] }, widensHalfPrecision: false,
        shape: { s, p in
            let d = try knownShape(s, 0, "data")
            guard p.repeatCount > 0 else { throw MXNetError("repeat must be positive, got \(p.repeatCount)") }
            guard let axis = p.axis else { return [d] }
            return [[d[try Shape.axis(axis, ndim: d.count)]]]
        }, type: Rules.sameType,
        forward: { c in
            c.outputs[0].dtype.visit(ArangeKernel(out: c.outputs[0], start: c.params.start, step: c.params.step,
                                                  repeatCount: c.params.repeatCount))
        }, gradient: { g in [try np.zerosLike(g.inputs[0])] })

    static var shapeLike: [Operator] { [broadcastLike, broadcastAxis, shapeArray, sizeArray, arangeLike] }
}

/// `out[i] = start + (i / repeat) * step`, computed in double and converted.
private struct ArangeKernel: ElementVisitor {
    let out: TensorRef, start: Double, step: Double, repeatCount: Int
    func visit<T: Element>(_: T.Type) {
        let o = out.pointer(T.self)
        let (start, step, r) = (start, step, repeatCount)
        parallelFor(out.count) { lo, hi in
            for i in lo..<hi { o[i] = T(fromDouble: start + Double(i / r) * step) }
        }
    }
}
