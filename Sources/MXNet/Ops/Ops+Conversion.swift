/// Parameters of `Cast`.
public struct CastParams: OpParams {
    public var dtype = DType.float32
    public init() {}
    public init(_ dtype: DType) { self.dtype = dtype }
    public static let fields: [ParamField<CastParams>] = [
        ParamField("dtype", required: true, parse: { $0.dtype = try DType(parsing: $1) }, format: { $0.dtype.name }),
    ]
}

/// Parameters of ops that take a target shape (`broadcast_to`, `reshape`).
public struct ShapeParams: OpParams {
    public var shape: [Int] = []
    public init() {}
    public init(_ shape: [Int]) { self.shape = shape }
    public static let fields: [ParamField<ShapeParams>] = [.ints("shape", \.shape, required: true)]
}

/// Parameters of NumPy's `reshape` (`newshape`, one -1 allowed).
public struct NewShapeParams: OpParams {
    public var newshape: [Int] = []
    public var order = "C"
    public init() {}
    public init(_ shape: [Int]) { newshape = shape }
    public static let fields: [ParamField<NewShapeParams>] = [
        .ints("newshape", \.newshape, required: true), .string("order", \.order),
    ]
}

/// Parameters of `full_like`.
public struct FillParams: OpParams {
    public var fillValue = 0.0
    public var dtype: DType?
    public init() {}
    public init(_ value: Double, dtype: DType? = nil) { fillValue = value; self.dtype = dtype }
    public static let fields: [ParamField<FillParams>] = [
        .double("fill_value", \.fillValue), .optionalDType("dtype", \.dtype),
    ]
}

extension Ops {
    static let cast = Operator(
        "Cast", aliases: ["_npi_cast", "_npx_cast", "cast"], display: "astype", params: CastParams.self,
        inputs: { _ in ["data"] }, widensHalfPrecision: false,
        shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: { _, p in [p.dtype] },
        forward: { c in convertElements(c.inputs[0], c.outputs[0]) },
        gradient: { g in [try np.astype(g.outputGradients[0], g.inputs[0].dtype)] })

    /// NumPy `broadcast_to`: `shape` is taken literally (0 is a zero-size axis).
    static let broadcastTo = broadcastToOp("_npi_broadcast_to", aliases: [], legacyZero: false)
    /// MXNet 1.x `broadcast_to`: a 0 in `shape` keeps the input's size along that axis.
    static let legacyBroadcastTo = broadcastToOp("broadcast_to", aliases: [], legacyZero: true)

    static func broadcastToOp(_ name: String, aliases: [String], legacyZero: Bool) -> Operator {
        Operator(
            name, aliases: aliases, display: "broadcast_to", params: ShapeParams.self,
            inputs: { _ in ["array"] }, widensHalfPrecision: false,
            shape: { s, p in
                let a = try knownShape(s, 0, "array")
                let lead = p.shape.count - a.count
                guard lead >= 0 else {
                    throw MXNetError("cannot broadcast shape \(Shape.text(a)) to \(Shape.text(p.shape))")
                }
                let target = p.shape.enumerated().map { i, d in legacyZero && d == 0 && i >= lead ? a[i - lead] : d }
                guard Shape.broadcast(a, target) == target else {
                    throw MXNetError("cannot broadcast shape \(Shape.text(a)) to \(Shape.text(target))")
                }
                return [target]
            }, type: Rules.sameType,
            forward: { c in copyBroadcast(c.inputs[0], c.outputs[0]) },
            gradient: { g in [try reduceTo(g.outputGradients[0], g.inputs[0].shape)] })
    }

    static let reshape = Operator(
        "_np_reshape", aliases: [], display: "reshape", params: NewShapeParams.self,
        inputs: { _ in ["a"] }, widensHalfPrecision: false,
        shape: { s, p in [try resolveNewShape(p.newshape, size: Shape.count(try knownShape(s, 0, "a")))] }, type: Rules.sameType,
        forward: { c in convertElements(c.inputs[0], c.outputs[0]) },
        gradient: { g in [try np.reshape(g.outputGradients[0], g.inputs[0].shape)] })

    static let zerosLike = Operator(
        "zeros_like", aliases: ["_npi_zeros_like"], display: "zeros_like", params: NoParams.self,
        inputs: { _ in ["data"] }, widensHalfPrecision: false, shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: Rules.sameType,
        forward: { c in c.outputs[0].data.initializeMemory(as: UInt8.self, repeating: 0, count: c.outputs[0].count * c.outputs[0].dtype.size) },
        gradient: zeroGradient)

    static let onesLike = Operator(
        "ones_like", aliases: ["_npi_ones_like"], display: "ones_like", params: NoParams.self,
        inputs: { _ in ["data"] }, shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: Rules.sameType,
        forward: { c in fill(c.outputs[0], 1) }, gradient: zeroGradient)

    static let fullLike = Operator(
        "_npi_full_like", aliases: [], display: "full_like", params: FillParams.self,
        inputs: { _ in ["a"] }, shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: { t, p in
            guard let d = p.dtype ?? t[0] else { throw MXNetError.unknownType("input dtype is unknown") }
            return [d]
        },
        forward: { c in fill(c.outputs[0], c.params.fillValue) },
        gradient: { g in [try np.zerosLike(g.inputs[0])] })

    /// Resolves one -1 in a NumPy `newshape` against `size`.
    static func resolveNewShape(_ newshape: [Int], size: Int) throws -> [Int] {
        var shape = newshape
        let unknown = shape.indices.filter { shape[$0] == -1 }
        guard unknown.count <= 1, !shape.contains(where: { $0 < -1 }) else {
            throw MXNetError("invalid newshape \(Shape.text(newshape))")
        }
        if let u = unknown.first {
            let known = shape.enumerated().filter { $0.offset != u }.reduce(1) { $0 * $1.element }
            guard known > 0, size % known == 0 else {
                throw MXNetError("cannot reshape array of size \(size) into shape \(Shape.text(newshape))")
            }
            shape[u] = size / known
        }
        guard Shape.count(shape) == size else {
            throw MXNetError("cannot reshape array of size \(size) into shape \(Shape.text(newshape))")
        }
        return shape
    }

    static var conversions: [Operator] { [cast, broadcastTo, legacyBroadcastTo, reshape, zerosLike, onesLike, fullLike] }
}

/// Fills `t` with `value` converted to its dtype.
func fill(_ t: TensorRef, _ value: Double) {
    t.dtype.visit(FillKernel(t: t, value: value))
}

private struct FillKernel: ElementVisitor {
    let t: TensorRef, value: Double
    func visit<T: Element>(_: T.Type) {
        let v = T(fromDouble: value), p = t.pointer(T.self)
        parallelFor(t.count) { lo, hi in for i in lo..<hi { p[i] = v } }
    }
}

/// Copies `src` broadcast to `dst`'s shape (same dtype), moving bytes of the element size.
func copyBroadcast(_ src: TensorRef, _ dst: TensorRef) {
    switch src.dtype.size {
    case 1: copyBroadcastTyped(src, dst, UInt8.self)
    case 2: copyBroadcastTyped(src, dst, UInt16.self)
    case 4: copyBroadcastTyped(src, dst, UInt32.self)
    default: copyBroadcastTyped(src, dst, UInt64.self)
    }
}

private func copyBroadcastTyped<T>(_ src: TensorRef, _ dst: TensorRef, _: T.Type) {
    let s = src.pointer(T.self)
    broadcastBinary(s, src.shape, s, src.shape.map { _ in 1 }, dst.pointer(T.self), dst.shape) { a, _ in a }
}
