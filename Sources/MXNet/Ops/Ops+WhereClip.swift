/// Parameters of `clip`.
public struct ClipParams: OpParams {
    public var aMin = 0.0, aMax = 0.0
    public init() {}
    public init(_ aMin: Double, _ aMax: Double) { self.aMin = aMin; self.aMax = aMax }
    public static let fields: [ParamField<ClipParams>] = [
        .double("a_min", \.aMin, required: true), .double("a_max", \.aMax, required: true),
    ]
}

/// Parameters of `_npi_where_scalar2`: both branches are numbers.
public struct WhereScalarsParams: OpParams {
    public var x = 0.0, y = 0.0
    public init() {}
    public init(x: Double, y: Double) { self.x = x; self.y = y }
    public static let fields: [ParamField<WhereScalarsParams>] = [.double("x", \.x), .double("y", \.y)]
}

/// Parameters of `_npi_where_lscalar` / `_npi_where_rscalar`.
public struct WhereScalarParams: OpParams {
    public var scalar = 0.0
    public init() {}
    public init(_ scalar: Double) { self.scalar = scalar }
    public static let fields: [ParamField<WhereScalarParams>] = [.double("scalar", \.scalar)]
}

extension Ops {
    // MARK: - where

    /// Runs `where` on bool `cond` and same-dtype `x`, `y`, each broadcast to `out`.
    static func runWhere(_ cond: TensorRef, _ x: TensorRef, _ y: TensorRef, _ out: TensorRef) {
        switch out.dtype.size {
        case 1: selectElements(cond, x, y, out, UInt8.self)
        case 2: selectElements(cond, x, y, out, UInt16.self)
        case 4: selectElements(cond, x, y, out, UInt32.self)
        default: selectElements(cond, x, y, out, UInt64.self)
        }
    }

    /// A one-element tensor holding `value` as `dtype` (kept alive by the returned storage).
    static func scalarTensor(_ value: Double, _ dtype: DType) -> (TensorRef, Storage) {
        let s = Storage(uninitializedByteCount: Swift.max(dtype.size, 8))
        let t = TensorRef(data: s.data, shape: [], dtype: dtype)
        fill(t, value)
        return (t, s)
    }

    static func broadcastShapes(_ shapes: [[Int]]) throws -> [Int] {
        var out: [Int] = []
        for s in shapes {
            guard let b = Shape.broadcast(out, s) else {
                throw MXNetError("operands could not be broadcast together with shapes " +
                                 shapes.map(Shape.text).joined(separator: " "))
            }
            out = b
        }
        return out
    }

    static func whereGradient(_ cond: NDArray, _ g: NDArray, _ shape: [Int], takeX: Bool) throws -> NDArray {
        let zero = try np.zerosLike(g)
        return try reduceTo(takeX ? np.where(cond, g, zero) : np.where(cond, zero, g), shape)
    }

    static let npWhere = Operator(
        "_npi_where", display: "where", params: NoParams.self, inputs: { _ in ["condition", "x", "y"] },
        widensHalfPrecision: false,
        shape: { s, _ in
            guard let c = s[0], let x = s[1], let y = s[2] else { throw MXNetError.unknownShape("input shapes are unknown") }
            return [try broadcastShapes([c, x, y])]
        }, type: { t, _ in
            guard let x = t[1], let y = t[2] else { throw MXNetError.unknownType("input dtypes are unknown") }
            let d = DType.promote(x, y)
            t[0] = .bool; t[1] = d; t[2] = d
            return [d]
        }, forward: { c in runWhere(c.inputs[0], c.inputs[1], c.inputs[2], c.outputs[0]) },
        gradient: { g in
            let (cond, d) = (g.inputs[0], g.outputGradients[0])
            return [nil, try whereGradient(cond, d, g.inputs[1].shape, takeX: true),
                    try whereGradient(cond, d, g.inputs[2].shape, takeX: false)]
        })

    /// `where(condition, scalar, y)`: the array is the *y* branch.
    static let whereLScalar = whereWithScalar("_npi_where_lscalar", scalarIsX: true)
    /// `where(condition, x, scalar)`.
    static let whereRScalar = whereWithScalar("_npi_where_rscalar", scalarIsX: false)

    static func whereWithScalar(_ name: String, scalarIsX: Bool) -> Operator {
        Operator(name, display: "where", params: WhereScalarParams.self, inputs: { _ in ["condition", "x"] },
                 widensHalfPrecision: false,
                 shape: { s, _ in
                     guard let c = s[0], let x = s[1] else { throw MXNetError.unknownShape("input shapes are unknown") }
                     return [try broadcastShapes([c, x])]
                 }, type: { t, _ in
                     guard let d = t[1] else { throw MXNetError.unknownType("input dtypes are unknown") }
                     t[0] = .bool
                     return [d]
                 }, forward: { c in
                     let (s, storage) = scalarTensor(c.params.scalar, c.inputs[1].dtype)
                     withExtendedLifetime(storage) {
                         if scalarIsX { runWhere(c.inputs[0], s, c.inputs[1], c.outputs[0]) }
                         else { runWhere(c.inputs[0], c.inputs[1], s, c.outputs[0]) }
                     }
                 }, gradient: { g in
                     [nil, try whereGradient(g.inputs[0], g.outputGradients[0], g.inputs[1].shape, takeX: !scalarIsX)]
                 })
    }

    /// `where(condition, x, y)` with two numbers: float32 result.
    static let whereScalars = Operator(
        "_npi_where_scalar2", display: "where", params: WhereScalarsParams.self, inputs: { _ in ["condition"] },
        shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: { t, _ in t[0] = .bool; return [.float32] },
        forward: { c in
            let (x, sx) = scalarTensor(c.params.x, .float32), (y, sy) = scalarTensor(c.params.y, .float32)
            withExtendedLifetime((sx, sy)) { runWhere(c.inputs[0], x, y, c.outputs[0]) }
        }, gradient: nil)

    /// MXNet 1.x `where`: `x` and `y` of one shape; `condition` of that shape or 1-d over the first axis.
    static let legacyWhere = Operator(
        "where", display: "where", params: NoParams.self, inputs: { _ in ["condition", "x", "y"] },
        widensHalfPrecision: false,
        shape: { s, _ in
            guard let c = s[0], let x = s[1], let y = s[2] else { throw MXNetError.unknownShape("input shapes are unknown") }
            guard x == y else { throw MXNetError("x and y must have the same shape, got \(Shape.text(x)) and \(Shape.text(y))") }
            guard c == x || (c.count == 1 && !x.isEmpty && c[0] == x[0]) else {
                throw MXNetError("condition of shape \(Shape.text(c)) must match x \(Shape.text(x)) or its first dimension")
            }
            return [x]
        }, type: { t, _ in
            guard let x = t[1] else { throw MXNetError.unknownType("input dtypes are unknown") }
            t[0] = .bool; t[2] = x
            return [x]
        }, forward: { c in
            let (cond, x) = (c.inputs[0], c.inputs[1])
            let view = TensorRef(data: cond.data, shape: legacyConditionShape(cond.shape, x.shape), dtype: cond.dtype)
            runWhere(view, x, c.inputs[2], c.outputs[0])
        }, gradient: { g in
            let x = g.inputs[1]
            let cond = try np.reshape(g.inputs[0], legacyConditionShape(g.inputs[0].shape, x.shape))
            let d = g.outputGradients[0]
            return [nil, try whereGradient(cond, d, x.shape, takeX: true),
                    try whereGradient(cond, d, x.shape, takeX: false)]
        })

    static func legacyConditionShape(_ c: [Int], _ x: [Int]) -> [Int] {
        c == x ? c : c + [Int](repeating: 1, count: Swift.max(x.count - 1, 0))
    }

    // MARK: - clip

    static let clip = Operator(
        "_npi_clip", aliases: ["clip"], display: "clip", params: ClipParams.self, inputs: { _ in ["data"] },
        shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: { t, _ in
            let d = try Rules.boolAsUInt8(&t)
            return [d]
        }, forward: { c in
            let x = c.inputs[0]
            try withOutput(c.outputs[0], as: x.dtype) { o in
                try x.dispatch(ClipKernel(x: x, out: o, lo: c.params.aMin, hi: c.params.aMax))
            }
        }, gradient: { g in
            let x = g.inputs[0], d = g.outputGradients[0]
            let inside = try np.logicalAnd(np.greaterEqual(x, g.params.aMin), np.lessEqual(x, g.params.aMax))
            return [try np.multiply(d, np.astype(inside, d.dtype))]
        })

    // MARK: - Logical operators

    /// NumPy logical operator: operands are truth values, the result is bool.
    static func npLogical<F: BinaryFunctor>(_ name: String, _ display: String, _ f: F.Type) -> Operator {
        Operator(name, display: display, params: NoParams.self, inputs: { _ in ["lhs", "rhs"] },
                 shape: Rules.broadcast, partialShape: Rules.broadcastPartial,
                 type: { t, _ in t[0] = .bool; t[1] = .bool; return [.bool] },
                 forward: { try BinaryKernel<F>.run($0) }, gradient: nil)
    }

    static func npLogicalScalar<F: BinaryFunctor>(_ name: String, _ display: String, _ f: F.Type) -> Operator {
        Operator(name, display: display, params: ScalarParams.self, inputs: { _ in ["data"] },
                 shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: { t, _ in t[0] = .bool; return [.bool] },
                 forward: { c in
                     let x = c.inputs[0].asUInt8
                     let s = c.params.scalar != 0 ? 1.0 : 0.0
                     ScalarKernel<F>(x: x, out: c.outputs[0].asUInt8, scalar: s, reversed: false).integer(UInt8.self)
                     normaliseBool(c.outputs[0])
                 }, gradient: nil)
    }

    /// MXNet 1.x logical operator: the result keeps the operands' dtype (0 or 1); the gradient is zero.
    static func legacyLogical<F: BinaryFunctor>(_ name: String, aliases: [String] = [], broadcast: Bool,
                                                _ f: F.Type) -> Operator {
        Operator(name, aliases: aliases, display: name, params: NoParams.self, inputs: { _ in ["lhs", "rhs"] },
                 shape: broadcast ? Rules.broadcast : Rules.sameShape,
                 partialShape: broadcast ? Rules.broadcastPartial : Rules.sameShapePartial, type: Rules.promote,
                 forward: { try BinaryKernel<F>.run($0) },
                 gradient: { g in [try np.zerosLike(g.inputs[0]), try np.zerosLike(g.inputs[1])] })
    }

    static func legacyLogicalScalar<F: BinaryFunctor>(_ name: String, aliases: [String] = [], _ f: F.Type) -> Operator {
        Operator(name, aliases: aliases, display: name, params: ScalarParams.self, inputs: { _ in ["data"] },
                 shape: Rules.sameShape, partialShape: Rules.sameShapePartial, type: Rules.sameType,
                 forward: { c in
                     let x = c.inputs[0]
                     if x.dtype == .bool {
                         ScalarKernel<F>(x: x.asUInt8, out: c.outputs[0].asUInt8, scalar: c.params.scalar,
                                         reversed: false).integer(UInt8.self)
                         return
                     }
                     try x.dispatch(ScalarKernel<F>(x: x, out: c.outputs[0], scalar: c.params.scalar, reversed: false))
                 }, gradient: { g in [try np.zerosLike(g.inputs[0])] })
    }

    static let logicalAnd = npLogical("_npi_logical_and", "logical_and", LogicalAndF.self)
    static let logicalOr = npLogical("_npi_logical_or", "logical_or", LogicalOrF.self)
    static let logicalXor = npLogical("_npi_logical_xor", "logical_xor", LogicalXorF.self)

    static var selection: [Operator] {
        [npWhere, whereLScalar, whereRScalar, whereScalars, legacyWhere, clip, logicalAnd, logicalOr, logicalXor,
         npLogicalScalar("_npi_logical_and_scalar", "logical_and", LogicalAndF.self),
         npLogicalScalar("_npi_logical_or_scalar", "logical_or", LogicalOrF.self),
         npLogicalScalar("_npi_logical_xor_scalar", "logical_xor", LogicalXorF.self),
         legacyLogical("_logical_and", aliases: ["_Logical_And"], broadcast: false, LogicalAndF.self),
         legacyLogical("_logical_or", aliases: ["_Logical_Or"], broadcast: false, LogicalOrF.self),
         legacyLogical("_logical_xor", aliases: ["_Logical_Xor"], broadcast: false, LogicalXorF.self),
         legacyLogical("broadcast_logical_and", broadcast: true, LogicalAndF.self),
         legacyLogical("broadcast_logical_or", broadcast: true, LogicalOrF.self),
         legacyLogical("broadcast_logical_xor", broadcast: true, LogicalXorF.self),
         legacyLogicalScalar("_logical_and_scalar", aliases: ["_LogicalAndScalar"], LogicalAndF.self),
         legacyLogicalScalar("_logical_or_scalar", aliases: ["_LogicalOrScalar"], LogicalOrF.self),
         legacyLogicalScalar("_logical_xor_scalar", aliases: ["_LogicalXorScalar"], LogicalXorF.self)]
    }
}

// MARK: - Kernels

/// `x > hi ? hi : (x < lo ? lo : x)`, as MXNet clips (NaN stays NaN; `lo > hi` gives `hi` above it).
struct ClipKernel: FloatVisitor, IntegerVisitor {
    let x: TensorRef, out: TensorRef, lo: Double, hi: Double
    func float<T: KernelFloat>(_: T.Type) {
        let l = T(lo), h = T(hi)
        mapUnary(x.pointer(T.self), out.pointer(T.self), x.count) { $0 > h ? h : ($0 < l ? l : $0) }
    }
    func integer<T: IntegerElement>(_: T.Type) {
        let l = T(fromDouble: Swift.max(lo, Double(T.min))), h = T(fromDouble: Swift.min(hi, Double(T.max)))
        mapUnary(x.pointer(T.self), out.pointer(T.self), x.count) { $0 > h ? h : ($0 < l ? l : $0) }
    }
}

/// `out = cond ? x : y` with all three broadcast to `out`'s shape, on raw elements of type `T`.
func selectElements<T>(_ cond: TensorRef, _ x: TensorRef, _ y: TensorRef, _ out: TensorRef, _: T.Type) {
    let n = out.count
    if n == 0 { return }
    let c = cond.pointer(Bool.self), px = x.pointer(T.self), py = y.pointer(T.self), po = out.pointer(T.self)
    if cond.shape == out.shape && x.shape == out.shape && y.shape == out.shape {
        parallelFor(n) { lo, hi in for i in lo..<hi { po[i] = c[i] ? px[i] : py[i] } }
        return
    }
    /// The broadcast of an input of shape `s` to `out` as a gather map (stride 0 along broadcast axes).
    func map(_ s: [Int]) -> GatherMap {
        let padded = [Int](repeating: 1, count: out.ndim - s.count) + s
        let strides = Shape.strides(padded)
        return GatherMap(offsets: out.shape.indices.map { d in
            (0..<out.shape[d]).map { i in padded[d] == 1 ? 0 : i * strides[d] }
        })
    }
    let mc = map(cond.shape), mx = map(x.shape), my = map(y.shape)
    let rows = out.ndim == 0 ? 1 : n / out.shape[out.ndim - 1]
    let inner = out.ndim == 0 ? 1 : out.shape[out.ndim - 1]
    let oc = GatherMap(offsets: Array(mc.offsets.dropLast())), ox = GatherMap(offsets: Array(mx.offsets.dropLast())),
        oy = GatherMap(offsets: Array(my.offsets.dropLast()))
    let ic = mc.offsets.last ?? [0], ix = mx.offsets.last ?? [0], iy = my.offsets.last ?? [0]
    parallelFor(rows, cost: inner) { lo, hi in
        var bases: [Int] = [], bx: [Int] = [], by: [Int] = []
        oc.forEachOffset(lo, hi) { _, o in bases.append(o) }
        ox.forEachOffset(lo, hi) { _, o in bx.append(o) }
        oy.forEachOffset(lo, hi) { _, o in by.append(o) }
        for r in lo..<hi {
            let k = r - lo, pr = po + r * inner
            let cb = c + bases[k], xb = px + bx[k], yb = py + by[k]
            for i in 0..<inner { pr[i] = cb[ic[i]] ? xb[ix[i]] : yb[iy[i]] }
        }
    }
}

enum LogicalAndF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { a != 0 && b != 0 ? 1 : 0 }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a != 0 && b != 0 ? 1 : 0 }
}
enum LogicalOrF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { a != 0 || b != 0 ? 1 : 0 }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a != 0 || b != 0 ? 1 : 0 }
}
enum LogicalXorF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { (a != 0) != (b != 0) ? 1 : 0 }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { (a != 0) != (b != 0) ? 1 : 0 }
}
