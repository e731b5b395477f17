/// Parameters of `tensordot` with explicit axis lists.
public struct TensordotParams: OpParams {
    public var aAxesSummed: [Int] = []
    public var bAxesSummed: [Int] = []
    public init() {}
    public init(a: [Int], b: [Int]) { aAxesSummed = a; bAxesSummed = b }
    public static let fields: [ParamField<TensordotParams>] = [
        .ints("a_axes_summed", \.aAxesSummed, required: true), .ints("b_axes_summed", \.bAxesSummed, required: true),
    ]
}

/// Parameters of `tensordot` summing the last `axes` axes of `a` with the first `axes` of `b`.
public struct TensordotIntParams: OpParams {
    public var axes = 2
    public init() {}
    public init(axes: Int) { self.axes = axes }
    public static let fields: [ParamField<TensordotIntParams>] = [.int("axes", \.axes, required: true)]
}

/// A contraction of two arrays over paired axes, as einsum terms (labels 0..<a.ndim for `a`, `b`'s free axes
/// numbered after them).
struct Contraction {
    var a: EinsumTerm, b: EinsumTerm, out: EinsumTerm

    /// Sums `a`'s `aAxes` against `b`'s `bAxes`; the result has `a`'s free axes then `b`'s.
    /// - Throws: ``MXNetError`` for out-of-range or repeated axes and mismatched sizes.
    init(_ sa: [Int], _ sb: [Int], aAxes: [Int], bAxes: [Int]) throws {
        guard aAxes.count == bAxes.count else {
            throw MXNetError("a_axes_summed and b_axes_summed must have the same length, got \(aAxes.count) and \(bAxes.count)")
        }
        let na = try aAxes.map { try Shape.axis($0, ndim: sa.count, argument: "a_axes_summed entry") }
        let nb = try bAxes.map { try Shape.axis($0, ndim: sb.count, argument: "b_axes_summed entry") }
        guard Set(na).count == na.count, Set(nb).count == nb.count else { throw MXNetError("repeated axis in tensordot axes") }
        var bl = [Int](repeating: -1, count: sb.count)
        for (i, j) in zip(na, nb) {
            guard sa[i] == sb[j] else {
                throw MXNetError("shape-mismatch for sum: axis \(i) of a has size \(sa[i]), axis \(j) of b has size \(sb[j])")
            }
            bl[j] = i
        }
        var next = sa.count
        for j in 0..<sb.count where bl[j] == -1 { bl[j] = next; next += 1 }
        let freeA = (0..<sa.count).filter { !na.contains($0) }
        let freeB = (0..<sb.count).filter { !nb.contains($0) }
        let la = (0..<sa.count).map(Contraction.label), lb = bl.map(Contraction.label)
        a = EinsumTerm(labels: la, shape: sa)
        b = EinsumTerm(labels: lb, shape: sb)
        out = EinsumTerm(labels: freeA.map { la[$0] } + freeB.map { lb[$0] },
                         shape: freeA.map { sa[$0] } + freeB.map { sb[$0] })
    }

    /// The einsum label of axis number `i`: letters first (so gradients spell as subscripts), then ids past them.
    static func label(_ i: Int) -> Int {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        return i < letters.count ? Int(letters[i]) : EinsumSpec.ellipsisBase + i
    }

    /// NumPy `dot`: the last axis of `a` against the second-to-last of `b` (the only one when `b` is 1-d).
    /// - Throws: ``MXNetError`` when the sizes differ.
    static func dot(_ sa: [Int], _ sb: [Int]) throws -> Contraction {
        if sa.isEmpty || sb.isEmpty { return try Contraction(sa, sb, aAxes: [], bAxes: []) }
        let ja = sa.count - 1, jb = max(sb.count - 2, 0)
        guard sa[ja] == sb[jb] else {
            throw MXNetError("shapes \(Shape.text(sa)) and \(Shape.text(sb)) not aligned: \(sa[ja]) (dim \(ja)) != \(sb[jb]) (dim \(jb))")
        }
        return try Contraction(sa, sb, aAxes: [ja], bAxes: [jb])
    }

    var sizes: [Int] {
        var s = [Int](repeating: 0, count: (a.labels + b.labels).max().map { $0 + 1 } ?? 0)
        for t in [a, b] { for (l, n) in zip(t.labels, t.shape) { s[l] = n } }
        return s
    }

    func run(_ x: TensorRef, _ y: TensorRef, _ o: TensorRef) throws {
        try o.dtype.visitLinalg(EinsumKernel(sizes: sizes, inputs: [(a, x), (b, y)], output: out, out: o))
    }

    /// Gradients of both operands, as einsums of the output gradient (differentiable again).
    func gradients(_ x: NDArray, _ y: NDArray, _ d: NDArray) throws -> [NDArray?] {
        let spec = EinsumSpec(inputs: [a, b], output: out, sizes: sizes)
        let da = try Imperative.call(Ops.einsum, [d, y], EinsumParams(try spec.subscripts([out, b], a), numArgs: 2))
        let db = try Imperative.call(Ops.einsum, [x, d], EinsumParams(try spec.subscripts([a, out], b), numArgs: 2))
        return [da, db]
    }
}

extension Ops {
    static func knownShapes(_ s: [[Int]?]) throws -> [[Int]] {
        try s.map { try $0 ?? { throw MXNetError.unknownShape("input shapes are unknown") }() }
    }

    static let npDot: Operator = Operator(
        "_np_dot", display: "dot", params: NoParams.self, inputs: { _ in ["a", "b"] },
        shape: { s, _ in let k = try knownShapes(s); return [try Contraction.dot(k[0], k[1]).out.shape] },
        type: Rules.promote,
        forward: { c in try Contraction.dot(c.inputs[0].shape, c.inputs[1].shape).run(c.inputs[0], c.inputs[1], c.outputs[0]) },
        gradient: { g in
            try Contraction.dot(g.inputs[0].shape, g.inputs[1].shape).gradients(g.inputs[0], g.inputs[1], g.outputGradients[0])
        })

    static let tensordot: Operator = Operator(
        "_npi_tensordot", display: "tensordot", params: TensordotParams.self, inputs: { _ in ["a", "b"] },
        shape: { s, p in
            let k = try knownShapes(s)
            return [try Contraction(k[0], k[1], aAxes: p.aAxesSummed, bAxes: p.bAxesSummed).out.shape]
        },
        type: Rules.promote,
        forward: { c in
            try Contraction(c.inputs[0].shape, c.inputs[1].shape, aAxes: c.params.aAxesSummed, bAxes: c.params.bAxesSummed)
                .run(c.inputs[0], c.inputs[1], c.outputs[0])
        },
        gradient: { g in
            try Contraction(g.inputs[0].shape, g.inputs[1].shape, aAxes: g.params.aAxesSummed, bAxes: g.params.bAxesSummed)
                .gradients(g.inputs[0], g.inputs[1], g.outputGradients[0])
        })

    /// The axis lists of integer `axes`: the last `axes` of `a` against the first `axes` of `b`.
    static func tensordotAxes(_ sa: [Int], _ sb: [Int], _ axes: Int) throws -> ([Int], [Int]) {
        guard axes >= 0, axes <= sa.count, axes <= sb.count else {
            throw MXNetError("axes \(axes) is out of range for arrays of dimensions \(sa.count) and \(sb.count)")
        }
        return (Array(sa.count - axes..<sa.count), Array(0..<axes))
    }

    static let tensordotIntAxes: Operator = Operator(
        "_npi_tensordot_int_axes", display: "tensordot", params: TensordotIntParams.self, inputs: { _ in ["a", "b"] },
        shape: { s, p in
            let k = try knownShapes(s)
            let (ia, ib) = try tensordotAxes(k[0], k[1], p.axes)
            return [try Contraction(k[0], k[1], aAxes: ia, bAxes: ib).out.shape]
        },
        type: Rules.promote,
        forward: { c in
            let (ia, ib) = try tensordotAxes(c.inputs[0].shape, c.inputs[1].shape, c.params.axes)
            try Contraction(c.inputs[0].shape, c.inputs[1].shape, aAxes: ia, bAxes: ib).run(c.inputs[0], c.inputs[1], c.outputs[0])
        },
        gradient: { g in
            let (ia, ib) = try tensordotAxes(g.inputs[0].shape, g.inputs[1].shape, g.params.axes)
            return try Contraction(g.inputs[0].shape, g.inputs[1].shape, aAxes: ia, bAxes: ib)
                .gradients(g.inputs[0], g.inputs[1], g.outputGradients[0])
        })

    // MARK: - matmul

    /// NumPy `matmul` geometry: 1-d operands promoted to matrices, batch dimensions broadcast.
    struct MatmulShape {
        var m: Int, n: Int, k: Int
        var aBatch: [Int], bBatch: [Int], batch: [Int]
        var out: [Int]

        init(_ sa: [Int], _ sb: [Int]) throws {
            guard !sa.isEmpty, !sb.isEmpty else {
                throw MXNetError("matmul: Input operand does not have enough dimensions (0-d arrays are not allowed)")
            }
            let a2 = sa.count == 1 ? [1] + sa : sa, b2 = sb.count == 1 ? sb + [1] : sb
            m = a2[a2.count - 2]; k = a2[a2.count - 1]; n = b2[b2.count - 1]
            guard b2[b2.count - 2] == k else {
                throw MXNetError("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature " +
                                 "(n?,k),(k,m?)->(n?,m?) (size \(b2[b2.count - 2]) is different from \(k))")
            }
            aBatch = Array(a2.dropLast(2)); bBatch = Array(b2.dropLast(2))
            guard let batch = Shape.broadcast(aBatch, bBatch) else {
                throw MXNetError("operands could not be broadcast together with shapes \(Shape.text(sa)) \(Shape.text(sb))")
            }
            self.batch = batch
            out = batch + (sa.count == 1 ? [] : [m]) + (sb.count == 1 ? [] : [n])
        }

        var plan: BatchedGEMM {
            BatchedGEMM(m: m, n: n, k: k, a: MatrixOperand(ld: k), b: MatrixOperand(ld: n), ldc: n,
                        aOffsets: batchOffsets(aBatch, broadcastTo: batch, step: m * k),
                        bOffsets: batchOffsets(bBatch, broadcastTo: batch, step: k * n),
                        cOffsets: (0..<Shape.count(batch)).map { $0 * m * n })
        }
    }

    static let matmul: Operator = Operator(
        "_npi_matmul", display: "matmul", params: NoParams.self, inputs: { _ in ["a", "b"] },
        shape: { s, _ in let k = try knownShapes(s); return [try MatmulShape(k[0], k[1]).out] },
        type: Rules.promote,
        forward: { c in
            let plan = try MatmulShape(c.inputs[0].shape, c.inputs[1].shape).plan
            try c.outputs[0].dtype.visitLinalg(BatchedGEMMKernel(plan: plan, a: c.inputs[0], b: c.inputs[1], c: c.outputs[0]))
        },
        gradient: { g in
            let a = g.inputs[0], b = g.inputs[1]
            let s = try MatmulShape(a.shape, b.shape)
            let a3 = try np.broadcastTo(np.reshape(a, s.aBatch + [s.m, s.k]), s.batch + [s.m, s.k])
            let b3 = try np.broadcastTo(np.reshape(b, s.bBatch + [s.k, s.n]), s.batch + [s.k, s.n])
            let d = try np.reshape(g.outputGradients[0], s.batch + [s.m, s.n])
            let da = try matrixProduct(d, b3, transposeB: true)
            let db = try matrixProduct(a3, d, transposeA: true)
            return [try np.reshape(reduceTo(da, s.aBatch + [s.m, s.k]), a.shape),
                    try np.reshape(reduceTo(db, s.bBatch + [s.k, s.n]), b.shape)]
        })

    /// `op(a) · op(b)` over matching leading batch dimensions (2-d or more), through `_linalg_gemm2`.
    static func matrixProduct(_ a: NDArray, _ b: NDArray, transposeA: Bool = false, transposeB: Bool = false,
                              alpha: Double = 1, axis: Int = -2) throws -> NDArray {
        try Imperative.call(gemm2, [a, b], Gemm2Params(transposeA: transposeA, transposeB: transposeB, alpha: alpha, axis: axis))
    }

    static var linearAlgebra: [Operator] {
        [npDot, tensordot, tensordotIntAxes, matmul, einsum, einsumBackward, legacyDot, batchDot, gemm2, gemm]
    }
}
