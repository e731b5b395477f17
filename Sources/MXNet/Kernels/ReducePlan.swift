/// How a reduction walks a contiguous input: the kept axes (one output element each) and the reduced axes,
/// each collapsed into as few strided dimensions as possible (unit axes dropped, neighbours merged).
///
/// ```swift
/// let plan = ReducePlan(shape: [2, 3, 4], reduced: [false, true, false])
/// // kept: (2, 4) with input strides (12, 1); reduced: (3,) with stride 4
/// ```
struct ReducePlan {
    /// Collapsed kept dimensions in output (C) order and their input strides.
    let keptShape: [Int], keptStrides: [Int]
    /// Collapsed reduced dimensions and their input strides.
    let redShape: [Int], redStrides: [Int]
    /// Number of outputs and number of input elements folded into each.
    let outCount: Int, reduceCount: Int
    /// Whether the input's innermost non-unit axis is reduced (then every output reads contiguous rows).
    let innerReduced: Bool

    init(shape: [Int], reduced: [Bool]) {
        let strides = Shape.strides(shape)
        var ks: [Int] = [], kst: [Int] = [], rs: [Int] = [], rst: [Int] = []
        var last: Bool?
        for i in 0..<shape.count where shape[i] != 1 {
            let r = reduced[i]
            if last == r {
                // Adjacent in the input (only unit axes between), so the two merge.
                if r { rs[rs.count - 1] *= shape[i]; rst[rst.count - 1] = strides[i] }
                else { ks[ks.count - 1] *= shape[i]; kst[kst.count - 1] = strides[i] }
            } else if r {
                rs.append(shape[i]); rst.append(strides[i])
            } else {
                ks.append(shape[i]); kst.append(strides[i])
            }
            last = r
        }
        keptShape = ks; keptStrides = kst; redShape = rs; redStrides = rst
        outCount = Shape.count(ks)
        reduceCount = Shape.count(rs)
        innerReduced = last ?? true
    }

    /// Input offset of the first element read by output `o`.
    @inline(__always)
    func baseOffset(_ o: Int) -> Int {
        var r = o, off = 0
        var d = keptShape.count - 1
        while d >= 0 { off += (r % keptShape[d]) * keptStrides[d]; r /= keptShape[d]; d -= 1 }
        return off
    }

    /// Calls `body(offset, length, stride, flatIndex)` for the reduced elements `lo..<hi` (in C order over the
    /// reduced axes) of the output whose first element is at `base`, one contiguous run at a time.
    @inline(__always)
    func forEachReducedRun(_ base: Int, _ lo: Int, _ hi: Int, _ body: (Int, Int, Int, Int) -> Void) {
        if lo >= hi { return }
        guard let inner = redShape.last else { body(base, 1, 0, 0); return }
        let step = redStrides[redStrides.count - 1]
        let outerDims = redShape.count - 1
        if outerDims == 0 { body(base + lo * step, hi - lo, step, lo); return }
        // A stack buffer: this runs once per output, so it must not allocate.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: outerDims) { idx in
            var row = lo / inner
            var off = base
            for d in stride(from: outerDims - 1, through: 0, by: -1) {
                idx[d] = row % redShape[d]; row /= redShape[d]
                off += idx[d] * redStrides[d]
            }
            var flat = lo
            var col = lo % inner
            while flat < hi {
                let n = Swift.min(inner - col, hi - flat)
                body(off + col * step, n, step, flat)
                flat += n
                col = 0
                var d = outerDims - 1
                while d >= 0 {
                    idx[d] += 1; off += redStrides[d]
                    if idx[d] < redShape[d] { break }
                    off -= redStrides[d] * redShape[d]; idx[d] = 0
                    d -= 1
                }
            }
        }
    }

    /// Reduces every output independently: `run(output, accumulator, offset, length, stride, flatIndex)` folds
    /// one contiguous run into the accumulator, `merge` joins partial results (in order) and `store` writes the
    /// result. Outputs are split across cores; when there are fewer outputs than cores the reduced range of
    /// each output is split instead.
    @inline(__always)
    func reduceEach<A>(_ identity: A, run: (Int, A, Int, Int, Int, Int) -> A, merge: (A, A) -> A,
                       store: (Int, A) -> Void) {
        let total = outCount &* reduceCount
        if outCount >= coreCount || total < parallelThreshold || reduceCount < 2 {
            parallelFor(outCount, cost: Swift.max(reduceCount, 1)) { lo, hi in
                for o in lo..<hi {
                    var acc = identity
                    let base = baseOffset(o)
                    forEachReducedRun(base, 0, reduceCount) { off, n, s, f in acc = run(o, acc, off, n, s, f) }
                    store(o, acc)
                }
            }
            return
        }
        let chunks = Swift.min(coreCount, reduceCount)
        for o in 0..<outCount {
            let base = baseOffset(o)
            var partials = [A](repeating: identity, count: chunks)
            partials.withUnsafeMutableBufferPointer { parts in
                let p = parts.baseAddress!
                parallelFor(chunks, cost: parallelThreshold) { clo, chi in
                    for c in clo..<chi {
                        var acc = identity
                        forEachReducedRun(base, reduceCount * c / chunks, reduceCount * (c + 1) / chunks) { off, n, s, f in
                            acc = run(o, acc, off, n, s, f)
                        }
                        p[c] = acc
                    }
                }
            }
            var acc = partials[0]
            for c in 1..<chunks { acc = merge(acc, partials[c]) }
            store(o, acc)
        }
    }

    /// For reductions whose innermost axis is kept: calls `body(outOffset, inOffset, length)` for every
    /// (output row, reduced element) pair, where an output row is `length` contiguous outputs and the matching
    /// input row is contiguous too. Rows of distinct outputs run on different cores (split by columns when
    /// there are few rows); calls for one output row come in reduced order.
    @inline(__always)
    func forEachAccumulateRow(_ body: (Int, Int, Int) -> Void) {
        guard let inner = keptShape.last else { return }
        let outerKept = ReducePlan.Strided(shape: Array(keptShape.dropLast()), strides: Array(keptStrides.dropLast()))
        let rows = outerKept.count
        let red = ReducePlan.Strided(shape: redShape, strides: redStrides)
        func rowsAndColumns(_ rlo: Int, _ rhi: Int, _ clo: Int, _ chi: Int) {
            outerKept.forEach(rlo, rhi) { r, kOff in
                red.forEach(0, red.count) { _, rOff in body(r * inner + clo, kOff + rOff + clo, chi - clo) }
            }
        }
        if rows >= coreCount || inner < 2 * coreCount {
            parallelFor(rows, cost: Swift.max(inner * reduceCount, 1)) { lo, hi in rowsAndColumns(lo, hi, 0, inner) }
        } else {
            parallelFor(inner, cost: Swift.max(rows * reduceCount, 1)) { lo, hi in rowsAndColumns(0, rows, lo, hi) }
        }
    }

    /// A strided index space walked in C order.
    struct Strided {
        let shape: [Int], strides: [Int]
        var count: Int { Shape.count(shape) }

        /// Calls `body(flatIndex, offset)` for flat indices `lo..<hi`.
        @inline(__always)
        func forEach(_ lo: Int, _ hi: Int, _ body: (Int, Int) -> Void) {
            if lo >= hi { return }
            let n = shape.count
            if n == 0 { body(lo, 0); return }
            withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { idx in
                var r = lo, off = 0
                for d in stride(from: n - 1, through: 0, by: -1) {
                    idx[d] = r % shape[d]; r /= shape[d]; off += idx[d] * strides[d]
                }
                for i in lo..<hi {
                    body(i, off)
                    var d = n - 1
                    while d >= 0 {
                        idx[d] += 1; off += strides[d]
                        if idx[d] < shape[d] { break }
                        off -= strides[d] * shape[d]; idx[d] = 0
                        d -= 1
                    }
                }
            }
        }
    }
}
