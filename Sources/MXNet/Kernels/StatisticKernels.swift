/// Index of the maximum (or minimum) over the reduced axes: first occurrence wins, and a NaN counts as the
/// extreme (NumPy's rule). Indices are flat positions within the reduced axes, written in the output's dtype.
struct ArgExtremumKernel: FloatVisitor, IntegerVisitor {
    let input: TensorRef, out: TensorRef, plan: ReducePlan, isMax: Bool

    init(input: TensorRef, out: TensorRef, reduced: [Bool], isMax: Bool) {
        self.input = input; self.out = out; self.isMax = isMax
        plan = ReducePlan(shape: input.shape, reduced: reduced)
    }

    func float<T: KernelFloat>(_: T.Type) { run(input.pointer(T.self)) }
    func integer<T: IntegerElement>(_: T.Type) { run(input.pointer(T.self)) }

    @inline(__always)
    private func run<T: Comparable>(_ x: UnsafeMutablePointer<T>) {
        guard input.count > 0, plan.outCount > 0 else { return }
        let isMax = self.isMax, plan = self.plan
        // `v != v` is true only for NaN.
        @inline(__always) func better(_ v: T, _ best: T) -> Bool {
            best != best ? false : (v != v || (isMax ? v > best : v < best))
        }
        withOutput(out, as: .int64) { o in
            let po = o.pointer(Int64.self)
            plan.reduceEach((x[0], -1), run: { _, acc, off, n, s, flat in
                var a = acc
                for i in 0..<n {
                    let v = x[off + i * s]
                    if a.1 < 0 || better(v, a.0) { a = (v, flat + i) }
                }
                return a
            }, merge: { a, b in
                if b.1 < 0 { return a }
                if a.1 < 0 { return b }
                return better(b.0, a.0) ? b : a
            }, store: { po[$0] = Int64($1.1) })
        }
    }
}

/// Variance (or standard deviation) over the reduced axes with `ddof` delta degrees of freedom, in two passes
/// (mean, then squared deviations) so it stays accurate. Integer inputs use the truncated integer mean, as
/// MXNet does, and write the result converted to the output's dtype.
struct MomentKernel: FloatVisitor, IntegerVisitor {
    let input: TensorRef, out: TensorRef, plan: ReducePlan, ddof: Int, takeRoot: Bool

    init(input: TensorRef, out: TensorRef, reduced: [Bool], ddof: Int, takeRoot: Bool) {
        self.input = input; self.out = out; self.ddof = ddof; self.takeRoot = takeRoot
        plan = ReducePlan(shape: input.shape, reduced: reduced)
    }

    func float<T: KernelFloat>(_: T.Type) {
        let x = input.pointer(T.self)
        run(T.self, { o, s in o + T(s) }, { x[$0] }, { $0 / T($1) })
    }

    func integer<T: IntegerElement>(_: T.Type) {
        let x = input.pointer(T.self)
        run(Double.self, { o, s in o + Double(s) }, { Double(x[$0]) }, { sum, n in
            n == 0 ? .nan : Double(Int64(sum) / Int64(n))
        })
    }

    /// `A` is the accumulation type, `load(i)` reads element `i` as `A`, `mean(sum, n)` divides.
    @inline(__always)
    private func run<A: KernelFloat>(_: A.Type, _: (A, Int) -> A, _ load: (Int) -> A, _ mean: (A, Int) -> A) {
        let plan = self.plan, takeRoot = self.takeRoot
        let n = plan.reduceCount, divisor = A(Swift.max(plan.reduceCount - ddof, 0))
        if plan.outCount == 0 { return }
        withOutput(out, as: A.dtype) { o in
            let po = o.pointer(A.self)
            var means = [A](repeating: 0, count: plan.outCount)
            means.withUnsafeMutableBufferPointer { buf in
                let m = buf.baseAddress!
                plan.reduceEach(A(0), run: { _, acc, off, len, s, _ in
                    var a = acc
                    for i in 0..<len { a += load(off + i * s) }
                    return a
                }, merge: +, store: { m[$0] = mean($1, n) })
                plan.reduceEach(A(0), run: { k, acc, off, len, s, _ in
                    let mu = m[k]
                    var a = acc
                    for i in 0..<len { let d = load(off + i * s) - mu; a += d * d }
                    return a
                }, merge: +, store: { k, a in
                    let v = n == 0 ? A.nan : a / divisor
                    po[k] = takeRoot ? v.squareRoot() : v
                })
            }
        }
    }
}

/// Running sum along one axis: the input seen as `(outer, length, inner)`.
struct CumsumKernel: FloatVisitor, IntegerVisitor {
    let input: TensorRef, out: TensorRef, outer: Int, length: Int, inner: Int

    func float<T: KernelFloat>(_: T.Type) { run(input.pointer(T.self), out.pointer(T.self), +) }
    func integer<T: IntegerElement>(_: T.Type) { run(input.pointer(T.self), out.pointer(T.self), &+) }

    @inline(__always)
    private func run<T>(_ x: UnsafeMutablePointer<T>, _ o: UnsafeMutablePointer<T>, _ add: (T, T) -> T) {
        let (outer, length, inner) = (self.outer, self.length, self.inner)
        if outer * length * inner == 0 { return }
        func scan(_ b: Int, _ jlo: Int, _ jhi: Int) {
            let base = b * length * inner
            for j in jlo..<jhi { o[base + j] = x[base + j] }
            for i in 1..<Swift.max(length, 1) {
                let r = base + i * inner, p = r - inner
                for j in jlo..<jhi { o[r + j] = add(o[p + j], x[r + j]) }
            }
        }
        if outer < coreCount && inner >= 2 * coreCount {
            parallelFor(inner, cost: outer * length) { lo, hi in for b in 0..<outer { scan(b, lo, hi) } }
        } else {
            parallelFor(outer, cost: length * inner) { lo, hi in for b in lo..<hi { scan(b, 0, inner) } }
        }
    }
}

/// Singular values of each matrix in a batch (`(batch, rows, cols)` in C order), by one-sided Jacobi
/// rotations in double precision; `reduce` folds them into one value per matrix (largest, smallest, sum).
struct SingularValueKernel: FloatVisitor {
    let input: TensorRef, out: TensorRef, batch: Int, rows: Int, cols: Int
    /// How the singular values become the result.
    enum Fold { case largest, smallest, sum }
    let fold: Fold

    func float<T: KernelFloat>(_: T.Type) {
        let x = input.pointer(T.self), (batch, rows, cols, fold) = (self.batch, self.rows, self.cols, self.fold)
        // Work on the orientation with at least as many rows as columns.
        let transpose = cols > rows
        let m = transpose ? cols : rows, n = transpose ? rows : cols
        withOutput(out, as: T.dtype) { o in
            let po = o.pointer(T.self)
            parallelFor(batch, cost: m * n * n * 8) { lo, hi in
                var a = [Double](repeating: 0, count: m * n)   // column-major: a[j * m + i]
                for b in lo..<hi {
                    let src = x + b * rows * cols
                    for r in 0..<rows {
                        for c in 0..<cols {
                            let v = Double(src[r * cols + c])
                            if transpose { a[r * m + c] = v } else { a[c * m + r] = v }
                        }
                    }
                    let s = singularValues(&a, m, n)
                    let v: Double
                    switch fold {
                    case .largest: v = s.max() ?? 0
                    case .smallest: v = s.min() ?? 0
                    case .sum: v = s.reduce(0, +)
                    }
                    po[b] = T(v)
                }
            }
        }
    }
}

/// Singular values of the column-major `m × n` matrix `a` (m ≥ n), which is overwritten.
func singularValues(_ a: inout [Double], _ m: Int, _ n: Int) -> [Double] {
    if n == 0 { return [] }
    for _ in 0..<60 {
        var rotated = false
        for p in 0..<(n - 1) {
            for q in (p + 1)..<n {
                var alpha = 0.0, beta = 0.0, gamma = 0.0
                for i in 0..<m {
                    let u = a[p * m + i], w = a[q * m + i]
                    alpha += u * u; beta += w * w; gamma += u * w
                }
                if gamma == 0 || abs(gamma) <= 1e-15 * (alpha * beta).squareRoot() { continue }
                rotated = true
                let zeta = (beta - alpha) / (2 * gamma)
                let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                let c = 1 / (1 + t * t).squareRoot(), s = c * t
                for i in 0..<m {
                    let u = a[p * m + i], w = a[q * m + i]
                    a[p * m + i] = c * u - s * w
                    a[q * m + i] = s * u + c * w
                }
            }
        }
        if !rotated { break }
    }
    return (0..<n).map { j in
        var s = 0.0
        for i in 0..<m { s += a[j * m + i] * a[j * m + i] }
        return s.squareRoot()
    }
}
