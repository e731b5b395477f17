/// One labelled operand of an Einstein summation: a label id per axis and the axis sizes.
///
/// A size-1 axis whose label is longer elsewhere broadcasts (reads repeat; as an output it accumulates).
/// An output label that no input has is broadcast; an output label repeated writes the diagonal (zeros
/// elsewhere). The last two are only used by gradients.
struct EinsumTerm: Equatable {
    var labels: [Int]
    var shape: [Int]
}

/// Evaluates Einstein summations: pairwise contractions through batched GEMM (permuting operands only when
/// their axes are not already grouped as batch · rows · inner), and a direct loop for diagonals, broadcasting
/// and single-operand sums.
///
/// ```swift
/// // C[i,k] = Σ_j A[i,j] B[j,k]
/// EinsumEvaluator<Float>(sizes: sizes).run([(a, pa), (b, pb)], c, pc)
/// ```
struct EinsumEvaluator<T: LinalgScalar> {
    /// Size of every label id.
    let sizes: [Int]

    /// Writes the summation of `inputs` into `out` (overwriting it).
    func run(_ inputs: [(EinsumTerm, UnsafePointer<T>)], _ output: EinsumTerm, _ out: UnsafeMutablePointer<T>) {
        switch inputs.count {
        case 0: return
        case 1: single(inputs[0], output, out)
        case 2: binary(inputs[0], inputs[1], output, out)
        default:
            // Contract the first two, keeping labels the rest or the output still need.
            var needed = Set(output.labels)
            for (t, _) in inputs.dropFirst(2) { needed.formUnion(t.labels) }
            var keep: [Int] = []
            for l in inputs[0].0.labels + inputs[1].0.labels where needed.contains(l) && !keep.contains(l) { keep.append(l) }
            let mid = EinsumTerm(labels: keep, shape: keep.map { sizes[$0] })
            let buffer = UnsafeMutablePointer<T>.allocate(capacity: max(Shape.count(mid.shape), 1))
            defer { buffer.deallocate() }
            binary(inputs[0], inputs[1], mid, buffer)
            run([(mid, UnsafePointer(buffer))] + inputs.dropFirst(2), output, out)
        }
    }

    // MARK: - Cases

    /// No repeated labels and no broadcasting.
    private func isPlain(_ t: EinsumTerm) -> Bool {
        Set(t.labels).count == t.labels.count && zip(t.labels, t.shape).allSatisfy { sizes[$0.0] == $0.1 }
    }

    private func single(_ a: (EinsumTerm, UnsafePointer<T>), _ c: EinsumTerm, _ out: UnsafeMutablePointer<T>) {
        let (ta, pa) = a
        if isPlain(ta) && isPlain(c) && ta.labels.count == c.labels.count && Set(ta.labels) == Set(c.labels) {
            permute(pa, shape: ta.shape, perm: c.labels.map { ta.labels.firstIndex(of: $0)! }, into: out)
            return
        }
        loop([a], c, out)
    }

    private func binary(_ a: (EinsumTerm, UnsafePointer<T>), _ b: (EinsumTerm, UnsafePointer<T>),
                        _ c: EinsumTerm, _ out: UnsafeMutablePointer<T>) {
        let (ta, pa) = a, (tb, pb) = b
        let inA = Set(ta.labels), inB = Set(tb.labels), inC = Set(c.labels)
        guard isPlain(ta), isPlain(tb), isPlain(c), inC.isSubset(of: inA.union(inB)) else {
            loop([a, b], c, out)
            return
        }
        // Labels only one operand has are summed out first.
        for (side, term, other) in [(0, ta, inB), (1, tb, inA)] {
            let kept = term.labels.filter { other.contains($0) || inC.contains($0) }
            if kept.count < term.labels.count {
                let reduced = EinsumTerm(labels: kept, shape: kept.map { sizes[$0] })
                let buffer = UnsafeMutablePointer<T>.allocate(capacity: max(Shape.count(reduced.shape), 1))
                defer { buffer.deallocate() }
                single(side == 0 ? a : b, reduced, buffer)
                let r = (reduced, UnsafePointer(buffer))
                if side == 0 { binary(r, b, c, out) } else { binary(a, r, c, out) }
                return
            }
        }
        let batch = ta.labels.filter { inB.contains($0) && inC.contains($0) }
        let rows = ta.labels.filter { !inB.contains($0) && inC.contains($0) }
        let inner = ta.labels.filter { inB.contains($0) && !inC.contains($0) }
        let cols = tb.labels.filter { !inA.contains($0) && inC.contains($0) }
        func size(_ ls: [Int]) -> Int { ls.reduce(1) { $0 * sizes[$1] } }
        let nb = size(batch), m = size(rows), n = size(cols), k = size(inner)

        var temporaries: [UnsafeMutablePointer<T>] = []
        defer { for t in temporaries { t.deallocate() } }
        func arranged(_ t: EinsumTerm, _ p: UnsafePointer<T>, _ order: [Int]) -> UnsafePointer<T> {
            let buffer = UnsafeMutablePointer<T>.allocate(capacity: max(Shape.count(t.shape), 1))
            temporaries.append(buffer)
            permute(p, shape: t.shape, perm: order.map { t.labels.firstIndex(of: $0)! }, into: buffer)
            return UnsafePointer(buffer)
        }
        var opA = MatrixOperand(ld: k), opB = MatrixOperand(ld: n)
        var srcA = pa, srcB = pb
        if ta.labels == batch + rows + inner {
        } else if ta.labels == batch + inner + rows {
            opA = MatrixOperand(trans: true, ld: m)
        } else {
            srcA = arranged(ta, pa, batch + rows + inner)
        }
        if tb.labels == batch + inner + cols {
        } else if tb.labels == batch + cols + inner {
            opB = MatrixOperand(trans: true, ld: k)
        } else {
            srcB = arranged(tb, pb, batch + inner + cols)
        }
        let natural = batch + rows + cols
        var dst = out
        if c.labels != natural {
            dst = UnsafeMutablePointer<T>.allocate(capacity: max(nb * m * n, 1))
            temporaries.append(dst)
        }
        let plan = BatchedGEMM(m: m, n: n, k: k, a: opA, b: opB, ldc: n,
                               aOffsets: (0..<nb).map { $0 * m * k }, bOffsets: (0..<nb).map { $0 * k * n },
                               cOffsets: (0..<nb).map { $0 * m * n })
        T.gemm(plan, srcA, srcB, dst)
        if c.labels != natural {
            permute(UnsafePointer(dst), shape: natural.map { sizes[$0] }, perm: c.labels.map { natural.firstIndex(of: $0)! },
                    into: out)
        }
    }

    /// The direct sum over every label combination: `out[...] += Π inputs[...]`.
    func loop(_ inputs: [(EinsumTerm, UnsafePointer<T>)], _ c: EinsumTerm, _ out: UnsafeMutablePointer<T>) {
        let outCount = Shape.count(c.shape)
        for i in 0..<outCount { out[i] = T.linalgZero }
        if outCount == 0 { return }
        var labels: [Int] = []
        for l in inputs.flatMap({ $0.0.labels }) + c.labels where !labels.contains(l) { labels.append(l) }
        if labels.contains(where: { sizes[$0] == 0 }) { return }
        func strides(_ t: EinsumTerm) -> [Int] {
            let s = Shape.strides(t.shape)
            var perLabel = [Int](repeating: 0, count: labels.count)
            for (d, l) in t.labels.enumerated() where t.shape[d] != 1 {
                perLabel[labels.firstIndex(of: l)!] += s[d]
            }
            return perLabel
        }
        let inStrides = inputs.map { strides($0.0) }, outStrides = strides(c)
        let pointers = inputs.map(\.1)
        let count = inputs.count
        let last = labels.count - 1
        let innerSize = labels.isEmpty ? 1 : sizes[labels[last]]
        let innerIn = labels.isEmpty ? [Int](repeating: 0, count: count) : inStrides.map { $0[last] }
        let innerOut = labels.isEmpty ? 0 : outStrides[last]
        let outerSizes = labels.isEmpty ? [] : labels.dropLast().map { sizes[$0] }
        var idx = [Int](repeating: 0, count: outerSizes.count)
        var offsets = [Int](repeating: 0, count: count)
        var outOffset = 0
        let rows = outerSizes.reduce(1, *)
        for _ in 0..<rows {
            for i in 0..<innerSize {
                var p = pointers[0][offsets[0] + i * innerIn[0]]
                for j in 1..<count { p = T.linalgMul(p, pointers[j][offsets[j] + i * innerIn[j]]) }
                let o = outOffset + i * innerOut
                out[o] = T.linalgAdd(out[o], p)
            }
            var d = outerSizes.count - 1
            while d >= 0 {
                idx[d] += 1
                for j in 0..<count { offsets[j] += inStrides[j][d] }
                outOffset += outStrides[d]
                if idx[d] < outerSizes[d] { break }
                for j in 0..<count { offsets[j] -= inStrides[j][d] * outerSizes[d] }
                outOffset -= outStrides[d] * outerSizes[d]
                idx[d] = 0
                d -= 1
            }
        }
    }
}

/// Runs an Einstein summation on tensors of one dtype.
struct EinsumKernel: LinalgVisitor {
    let sizes: [Int]
    let inputs: [(EinsumTerm, TensorRef)]
    let output: EinsumTerm
    let out: TensorRef
    func visit<T: LinalgScalar>(_: T.Type) {
        EinsumEvaluator<T>(sizes: sizes).run(inputs.map { ($0.0, UnsafePointer($0.1.pointer(T.self))) }, output,
                                             out.pointer(T.self))
    }
}
