/// How two inputs broadcast to an output: shapes padded to the output's rank, broadcast dimensions given
/// stride 0, and adjacent dimensions merged where all three arrays are contiguous across them.
struct BroadcastPlan {
    /// Collapsed output shape (at least one dimension).
    let shape: [Int]
    let aStrides: [Int]
    let bStrides: [Int]

    init(_ a: [Int], _ b: [Int], out: [Int]) {
        let n = out.count
        func strides(_ s: [Int]) -> [Int] {
            let padded = [Int](repeating: 1, count: n - s.count) + s
            var st = [Int](repeating: 0, count: n)
            var acc = 1
            for i in stride(from: n - 1, through: 0, by: -1) {
                st[i] = padded[i] == 1 && out[i] != 1 ? 0 : acc
                acc *= padded[i]
            }
            return st
        }
        var shape: [Int] = [], sa: [Int] = [], sb: [Int] = []
        let fa = strides(a), fb = strides(b)
        for i in 0..<n where out[i] != 1 {
            if let last = shape.last,
               sa.last! == fa[i] * out[i], sb.last! == fb[i] * out[i] {
                shape[shape.count - 1] = last * out[i]
                sa[sa.count - 1] = fa[i]
                sb[sb.count - 1] = fb[i]
            } else {
                shape.append(out[i]); sa.append(fa[i]); sb.append(fb[i])
            }
        }
        if shape.isEmpty { shape = [1]; sa = [1]; sb = [1] }
        self.shape = shape; aStrides = sa; bStrides = sb
    }

    var count: Int { Shape.count(shape) }

    /// Calls `row(aOffset, bOffset, outOffset, length, aStep, bStep)` for each innermost row; rows are split
    /// across cores when the output is large.
    /// Pass `parallel: false` when rows may write the same place (reductions).
    @inline(__always)
    func forEachRow(parallel: Bool = true, _ row: (Int, Int, Int, Int, Int, Int) -> Void) {
        let inner = shape[shape.count - 1]
        let sa = aStrides[aStrides.count - 1], sb = bStrides[bStrides.count - 1]
        let rows = count / max(inner, 1)
        if rows == 1 {
            if parallel {
                parallelFor(inner) { lo, hi in row(lo * sa, lo * sb, lo, hi - lo, sa, sb) }
            } else {
                row(0, 0, 0, inner, sa, sb)
            }
            return
        }
        let outer = Array(shape.dropLast()), oa = Array(aStrides.dropLast()), ob = Array(bStrides.dropLast())
        parallelFor(parallel ? rows : 1, cost: parallel ? inner : 1 << 30) { lo, hi in
            let (lo, hi) = parallel ? (lo, hi) : (0, rows)
            var idx = [Int](repeating: 0, count: outer.count)
            var r = lo
            for d in stride(from: outer.count - 1, through: 0, by: -1) { idx[d] = r % outer[d]; r /= outer[d] }
            var ao = 0, bo = 0
            for d in 0..<outer.count { ao += idx[d] * oa[d]; bo += idx[d] * ob[d] }
            for r in lo..<hi {
                row(ao, bo, r * inner, inner, sa, sb)
                var d = outer.count - 1
                while d >= 0 {
                    idx[d] += 1; ao += oa[d]; bo += ob[d]
                    if idx[d] < outer[d] { break }
                    ao -= oa[d] * outer[d]; bo -= ob[d] * outer[d]; idx[d] = 0
                    d -= 1
                }
            }
        }
    }
}

/// `out[i] = f(a[i'], b[i''])` with NumPy broadcasting. Inner loops are specialised for contiguous and
/// scalar operands so they vectorise.
@inline(__always)
func broadcastBinary<A, B, O>(_ a: UnsafePointer<A>, _ aShape: [Int], _ b: UnsafePointer<B>, _ bShape: [Int],
                              _ out: UnsafeMutablePointer<O>, _ outShape: [Int], _ f: (A, B) -> O) {
    if Shape.count(outShape) == 0 { return }
    if aShape == outShape && bShape == outShape {
        parallelFor(Shape.count(outShape)) { lo, hi in
            for i in lo..<hi { out[i] = f(a[i], b[i]) }
        }
        return
    }
    let plan = BroadcastPlan(aShape, bShape, out: outShape)
    plan.forEachRow { ao, bo, oo, n, sa, sb in
        let pa = a + ao, pb = b + bo, po = out + oo
        if sa == 1 && sb == 1 {
            for i in 0..<n { po[i] = f(pa[i], pb[i]) }
        } else if sa == 0 && sb == 1 {
            let x = pa[0]
            for i in 0..<n { po[i] = f(x, pb[i]) }
        } else if sa == 1 && sb == 0 {
            let y = pb[0]
            for i in 0..<n { po[i] = f(pa[i], y) }
        } else {
            for i in 0..<n { po[i] = f(pa[i * sa], pb[i * sb]) }
        }
    }
}

/// `out[i] = f(x[i])` over a flat buffer, split across cores when large.
@inline(__always)
func mapUnary<A, O>(_ x: UnsafePointer<A>, _ out: UnsafeMutablePointer<O>, _ n: Int, cost: Int = 1, _ f: (A) -> O) {
    parallelFor(n, cost: cost) { lo, hi in
        for i in lo..<hi { out[i] = f(x[i]) }
    }
}
