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

    func float<T: KernelFloat>(_: T.Type) { run(FloatMomentSource(p: input.pointer(T.self))) }
    func integer<T: IntegerElement>(_: T.Type) { run(IntegerMomentSource(p: input.pointer(T.self))) }

    private func run<S: MomentSource>(_ src: S) {
        typealias A = S.A
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
                    for i in 0..<len { a += src.load(off + i * s) }
                    return a
                }, merge: +, store: { m[$0] = src.mean($1, n) })
                plan.reduceEach(A(0), run: { k, acc, off, len, s, _ in
                    let mu = m[k]
                    var a = acc
                    for i in 0..<len { let d = src.load(off + i * s) - mu; a += d * d }
                    return a
                }, merge: +, store: { k, a in
                    let v = n == 0 ? A.nan : a / divisor
                    po[k] = takeRoot ? v.squareRoot() : v
                })
            }
        }
    }
}

/// How ``MomentKernel`` reads its input: `A` is the accumulation type.
protocol MomentSource {
    associatedtype A: KernelFloat
    func load(_ i: Int) -> A
    func mean(_ sum: A, _ n: Int) -> A
}

struct FloatMomentSource<T: KernelFloat>: MomentSource {
    let p: UnsafeMutablePointer<T>
    @inline(__always) func load(_ i: Int) -> T { p[i] }
    @inline(__always) func mean(_ sum: T, _ n: Int) -> T { sum / T(n) }
}

/// Integers accumulate in double; the mean truncates to an integer, as MXNet computes it.
struct IntegerMomentSource<T: IntegerElement>: MomentSource {
    let p: UnsafeMutablePointer<T>
    @inline(__always) func load(_ i: Int) -> Double { Double(p[i]) }
    @inline(__always) func mean(_ sum: Double, _ n: Int) -> Double { n == 0 ? .nan : Double(Int64(sum) / Int64(n)) }
}

/// Running sum along one axis: the input seen as `(outer, length, inner)`.
struct CumsumKernel: FloatVisitor, IntegerVisitor {
    let input: TensorRef, out: TensorRef, outer: Int, length: Int, inner: Int

    func float<T: KernelFloat>(_: T.Type) {
        let (x, o) = (input.pointer(T.self), out.pointer(T.self))
        if inner == 1 { return lines { b in var a: T = 0; for i in b..<(b + length) { a += x[i]; o[i] = a } } }
        scan { base, i, jlo, jhi in
            if i == 0 { for j in jlo..<jhi { o[base + j] = x[base + j] } }
            else { let p = base - inner; for j in jlo..<jhi { o[base + j] = o[p + j] + x[base + j] } }
        }
    }
    func integer<T: IntegerElement>(_: T.Type) {
        let (x, o) = (input.pointer(T.self), out.pointer(T.self))
        if inner == 1 { return lines { b in var a: T = 0; for i in b..<(b + length) { a &+= x[i]; o[i] = a } } }
        scan { base, i, jlo, jhi in
            if i == 0 { for j in jlo..<jhi { o[base + j] = x[base + j] } }
            else { let p = base - inner; for j in jlo..<jhi { o[base + j] = o[p + j] &+ x[base + j] } }
        }
    }

    /// For `inner == 1`: calls `line(start)` for each contiguous line, lines split across cores.
    @inline(__always)
    private func lines(_ line: (Int) -> Void) {
        let (outer, length) = (self.outer, self.length)
        if outer * length == 0 { return }
        parallelFor(outer, cost: length) { lo, hi in for b in lo..<hi { line(b * length) } }
    }

    /// Calls `row(offset, i, jlo, jhi)` for row `i` of each line (columns `jlo..<jhi`), rows in order.
    @inline(__always)
    private func scan(_ row: (Int, Int, Int, Int) -> Void) {
        let (outer, length, inner) = (self.outer, self.length, self.inner)
        if outer * length * inner == 0 { return }
        if outer < coreCount && inner >= 2 * coreCount {
            parallelFor(inner, cost: outer * length) { lo, hi in
                for b in 0..<outer { for i in 0..<length { row((b * length + i) * inner, i, lo, hi) } }
            }
        } else {
            parallelFor(outer, cost: length * inner) { lo, hi in
                for b in lo..<hi { for i in 0..<length { row((b * length + i) * inner, i, 0, inner) } }
            }
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
