/// Parameters of MXNet 1.x `dot` and `batch_dot`.
public struct DotParams: OpParams {
    public var transposeA = false
    public var transposeB = false
    /// The output storage type MXNet would use (`default`, `csr`, `row_sparse`): accepted for 1.x graphs; the
    /// result is always dense here, with the values MXNet's (dense-fallback) computation gives.
    public var forwardStype: String?
    public init() {}
    public init(transposeA: Bool, transposeB: Bool) { self.transposeA = transposeA; self.transposeB = transposeB }
    public static let fields: [ParamField<DotParams>] = [
        .bool("transpose_a", \.transposeA), .bool("transpose_b", \.transposeB),
        ParamField("forward_stype", required: false, parse: { p, s in
            let v = String(AttributeValue.strip(s))
            guard AttributeValue.isNone(s) || ["default", "csr", "row_sparse"].contains(v) else {
                throw MXNetError("'\(v)' is not one of: default, csr, row_sparse")
            }
            p.forwardStype = AttributeValue.isNone(s) ? nil : v
        }, format: { $0.forwardStype ?? "None" }),
    ]
}

/// Parameters of `linalg_gemm2` (`alpha · op(A) · op(B)`, matrices with rows on `axis`, columns last).
public struct Gemm2Params: OpParams {
    public var transposeA = false
    public var transposeB = false
    public var alpha = 1.0
    public var axis = -2
    public init() {}
    public init(transposeA: Bool = false, transposeB: Bool = false, alpha: Double = 1, axis: Int = -2) {
        self.transposeA = transposeA; self.transposeB = transposeB; self.alpha = alpha; self.axis = axis
    }
    public static let fields: [ParamField<Gemm2Params>] = [
        .bool("transpose_a", \.transposeA), .bool("transpose_b", \.transposeB), .double("alpha", \.alpha),
        .int("axis", \.axis),
    ]
}

/// Parameters of `linalg_gemm` (`alpha · op(A) · op(B) + beta · C`).
public struct GemmParams: OpParams {
    public var transposeA = false
    public var transposeB = false
    public var alpha = 1.0
    public var beta = 1.0
    public var axis = -2
    public init() {}
    public static let fields: [ParamField<GemmParams>] = [
        .bool("transpose_a", \.transposeA), .bool("transpose_b", \.transposeB), .double("alpha", \.alpha),
        .double("beta", \.beta), .int("axis", \.axis),
    ]
    var gemm2: Gemm2Params { Gemm2Params(transposeA: transposeA, transposeB: transposeB, alpha: alpha, axis: axis) }
}

/// Matrix-product geometry shared by `dot`, `batch_dot` and `linalg_gemm2`.
struct MatrixProductShape {
    var plan: BatchedGEMM
    var out: [Int]

    /// MXNet 1.x `dot`: `a` as a matrix of its last axis (its first when transposed) against the rest, `b` as a
    /// matrix of its first axis (its last when transposed) against the rest.
    static func legacyDot(_ sa: [Int], _ sb: [Int], _ p: DotParams) throws -> MatrixProductShape {
        guard !sa.isEmpty, !sb.isEmpty else { throw MXNetError("dot does not accept 0-d operands") }
        let (k, outA) = p.transposeA ? (sa[0], Array(sa.dropFirst())) : (sa[sa.count - 1], Array(sa.dropLast()))
        let (kb, outB) = p.transposeB ? (sb[sb.count - 1], Array(sb.dropLast())) : (sb[0], Array(sb.dropFirst()))
        guard k == kb else {
            throw MXNetError("shapes \(Shape.text(sa)) and \(Shape.text(sb)) are not aligned for dot " +
                             "(transpose_a=\(p.transposeA), transpose_b=\(p.transposeB)): \(k) != \(kb)")
        }
        let m = Shape.count(outA), n = Shape.count(outB)
        let plan = BatchedGEMM(m: m, n: n, k: k, a: MatrixOperand(trans: p.transposeA, ld: p.transposeA ? m : k),
                               b: MatrixOperand(trans: p.transposeB, ld: p.transposeB ? k : n), ldc: n,
                               aOffsets: [0], bOffsets: [0], cOffsets: [0])
        let out = outA + outB
        return MatrixProductShape(plan: plan, out: out.isEmpty ? [1] : out)
    }

    /// `batch_dot`: matching leading batch dimensions, products of the last two axes.
    static func batchDot(_ sa: [Int], _ sb: [Int], _ p: DotParams) throws -> MatrixProductShape {
        guard sa.count >= 3, sa.count == sb.count else {
            throw MXNetError("batch_dot only supports N-d by N-d arrays (N >= 3), got \(Shape.text(sa)) and \(Shape.text(sb))")
        }
        return try gemm(sa, sb, transposeA: p.transposeA, transposeB: p.transposeB, rowAxis: sa.count - 2, what: "batch_dot")
    }

    /// `linalg_gemm2`: rows on `axis`, columns on the last axis, every other axis a batch axis.
    static func gemm2(_ sa: [Int], _ sb: [Int], _ p: Gemm2Params) throws -> MatrixProductShape {
        guard sa.count >= 2, sa.count == sb.count else {
            throw MXNetError("A and B must have the same number of dimensions (at least 2), got \(Shape.text(sa)) and \(Shape.text(sb))")
        }
        let r = p.axis < 0 ? p.axis + sa.count : p.axis
        guard r >= 0, r < sa.count - 1 else { throw MXNetError("invalid row axis (\(p.axis))") }
        var s = try gemm(sa, sb, transposeA: p.transposeA, transposeB: p.transposeB, rowAxis: r, what: "gemm2")
        s.plan.alpha = p.alpha
        return s
    }

    private static func gemm(_ sa: [Int], _ sb: [Int], transposeA: Bool, transposeB: Bool, rowAxis r: Int,
                             what: String) throws -> MatrixProductShape {
        let last = sa.count - 1
        let (m, k) = transposeA ? (sa[last], sa[r]) : (sa[r], sa[last])
        let (kb, n) = transposeB ? (sb[last], sb[r]) : (sb[r], sb[last])
        let batchAxes = (0..<sa.count).filter { $0 != r && $0 != last }
        guard k == kb, batchAxes.allSatisfy({ sa[$0] == sb[$0] }) else {
            throw MXNetError("\(what): shapes \(Shape.text(sa)) and \(Shape.text(sb)) do not match " +
                             "(transpose_a=\(transposeA), transpose_b=\(transposeB))")
        }
        var out = sa
        out[r] = m; out[last] = n
        let sta = Shape.strides(sa), stb = Shape.strides(sb), stc = Shape.strides(out)
        let plan = BatchedGEMM(m: m, n: n, k: k, a: MatrixOperand(trans: transposeA, ld: sta[r]),
                               b: MatrixOperand(trans: transposeB, ld: stb[r]), ldc: stc[r],
                               aOffsets: offsets(sa, sta, batchAxes), bOffsets: offsets(sb, stb, batchAxes),
                               cOffsets: offsets(out, stc, batchAxes))
        return MatrixProductShape(plan: plan, out: out)
    }

    /// Element offsets of every combination of `axes` (C order).
    private static func offsets(_ shape: [Int], _ strides: [Int], _ axes: [Int]) -> [Int] {
        var result = [0]
        for a in axes {
            result = result.flatMap { base in (0..<shape[a]).map { base + $0 * strides[a] } }
        }
        return result
    }

    func run(_ a: TensorRef, _ b: TensorRef, _ c: TensorRef) throws {
        try c.dtype.visitLinalg(BatchedGEMMKernel(plan: plan, a: a, b: b, c: c))
    }
}

extension Ops {
    /// Gradients of `alpha · op(a) · op(b)` given a product function with the same conventions.
    static func productGradients(_ a: NDArray, _ b: NDArray, _ d: NDArray, transposeA ta: Bool, transposeB tb: Bool,
                                 _ product: (NDArray, NDArray, Bool, Bool) throws -> NDArray) throws -> [NDArray?] {
        let da = ta ? try product(b, d, tb, true) : try product(d, b, false, !tb)
        let db = tb ? try product(d, a, true, ta) : try product(a, d, !ta, false)
        return [da, db]
    }

    static let legacyDot: Operator = Operator(
        "dot", display: "dot", params: DotParams.self, inputs: { _ in ["lhs", "rhs"] },
        shape: { s, p in let k = try knownShapes(s); return [try MatrixProductShape.legacyDot(k[0], k[1], p).out] },
        type: Rules.promote,
        forward: { c in
            try MatrixProductShape.legacyDot(c.inputs[0].shape, c.inputs[1].shape, c.params).run(c.inputs[0], c.inputs[1], c.outputs[0])
        },
        gradient: { g in
            let a = g.inputs[0], b = g.inputs[1], p = g.params
            let s = try MatrixProductShape.legacyDot(a.shape, b.shape, p).plan
            let a2 = try np.reshape(a, p.transposeA ? [s.k, s.m] : [s.m, s.k])
            let b2 = try np.reshape(b, p.transposeB ? [s.n, s.k] : [s.k, s.n])
            let d2 = try np.reshape(g.outputGradients[0], [s.m, s.n])
            let grads = try productGradients(a2, b2, d2, transposeA: p.transposeA, transposeB: p.transposeB) { x, y, ta, tb in
                try Imperative.call(legacyDot, [x, y], DotParams(transposeA: ta, transposeB: tb))
            }
            return [try np.reshape(grads[0]!, a.shape), try np.reshape(grads[1]!, b.shape)]
        })

    static let batchDot: Operator = Operator(
        "batch_dot", aliases: ["_npx_batch_dot"], display: "batch_dot", params: DotParams.self,
        inputs: { _ in ["lhs", "rhs"] },
        shape: { s, p in let k = try knownShapes(s); return [try MatrixProductShape.batchDot(k[0], k[1], p).out] },
        type: Rules.promote,
        forward: { c in
            try MatrixProductShape.batchDot(c.inputs[0].shape, c.inputs[1].shape, c.params).run(c.inputs[0], c.inputs[1], c.outputs[0])
        },
        gradient: { g in
            try productGradients(g.inputs[0], g.inputs[1], g.outputGradients[0], transposeA: g.params.transposeA,
                                 transposeB: g.params.transposeB) { x, y, ta, tb in
                try Imperative.call(batchDot, [x, y], DotParams(transposeA: ta, transposeB: tb))
            }
        })

    static let gemm2: Operator = Operator(
        "_linalg_gemm2", aliases: ["linalg_gemm2"], display: "linalg_gemm2", params: Gemm2Params.self,
        inputs: { _ in ["A", "B"] },
        shape: { s, p in let k = try knownShapes(s); return [try MatrixProductShape.gemm2(k[0], k[1], p).out] },
        type: Rules.promote,
        forward: { c in
            try MatrixProductShape.gemm2(c.inputs[0].shape, c.inputs[1].shape, c.params).run(c.inputs[0], c.inputs[1], c.outputs[0])
        },
        gradient: { g in
            let p = g.params
            return try productGradients(g.inputs[0], g.inputs[1], g.outputGradients[0], transposeA: p.transposeA,
                                        transposeB: p.transposeB) { x, y, ta, tb in
                try matrixProduct(x, y, transposeA: ta, transposeB: tb, alpha: p.alpha, axis: p.axis)
            }
        })

    static let gemm: Operator = Operator(
        "_linalg_gemm", aliases: ["linalg_gemm"], display: "linalg_gemm", params: GemmParams.self,
        inputs: { _ in ["A", "B", "C"] },
        shape: { s, p in
            let k = try knownShapes(s)
            let out = try MatrixProductShape.gemm2(k[0], k[1], p.gemm2).out
            guard k[2] == out else { throw MXNetError("C has shape \(Shape.text(k[2])), expected \(Shape.text(out))") }
            return [out]
        },
        type: Rules.promote,
        forward: { c in
            var s = try MatrixProductShape.gemm2(c.inputs[0].shape, c.inputs[1].shape, c.params.gemm2)
            s.plan.beta = c.params.beta
            convertElements(c.inputs[2], c.outputs[0])
            try s.run(c.inputs[0], c.inputs[1], c.outputs[0])
        },
        gradient: { g in
            let p = g.params, d = g.outputGradients[0]
            var grads = try productGradients(g.inputs[0], g.inputs[1], d, transposeA: p.transposeA,
                                             transposeB: p.transposeB) { x, y, ta, tb in
                try matrixProduct(x, y, transposeA: ta, transposeB: tb, alpha: p.alpha, axis: p.axis)
            }
            grads.append(try np.multiply(d, p.beta))
            return grads
        })
}
