/// A float reduction: `finalize(combine(identity, map(x0), map(x1), ...), count)`. `combine` must be
/// associative and commutative (partial results are merged with it).
protocol FloatReduceFunctor {
    func identity<T: KernelFloat>(_: T.Type) -> T
    func map<T: KernelFloat>(_ x: T) -> T
    func combine<T: KernelFloat>(_ a: T, _ b: T) -> T
    func finalize<T: KernelFloat>(_ a: T, count: Int) -> T
}

/// A reduction with an integer form too.
protocol ReduceFunctor: FloatReduceFunctor {
    func identityInteger<T: IntegerElement>(_: T.Type) -> T
    func mapInteger<T: IntegerElement>(_ x: T) -> T
    func combineInteger<T: IntegerElement>(_ a: T, _ b: T) -> T
    func finalizeInteger<T: IntegerElement>(_ a: T, count: Int) -> T
}

extension FloatReduceFunctor {
    @inline(__always) func map<T: KernelFloat>(_ x: T) -> T { x }
    @inline(__always) func finalize<T: KernelFloat>(_ a: T, count: Int) -> T { a }
}

extension ReduceFunctor {
    @inline(__always) func mapInteger<T: IntegerElement>(_ x: T) -> T { x }
    @inline(__always) func finalizeInteger<T: IntegerElement>(_ a: T, count: Int) -> T { a }
}

/// Reduces `input` over the axes marked in `reduced` into `out` (same dtype), on both cores when large.
struct ReduceKernel<F: FloatReduceFunctor>: FloatVisitor {
    let input: TensorRef, out: TensorRef, plan: ReducePlan, f: F

    init(input: TensorRef, out: TensorRef, reduced: [Bool], _ f: F) {
        self.input = input; self.out = out; self.f = f
        plan = ReducePlan(shape: input.shape, reduced: reduced)
    }

    func float<T: KernelFloat>(_: T.Type) {
        let f = self.f
        run(input.pointer(T.self), out.pointer(T.self), f.identity(T.self), f.map, f.combine, f.finalize)
    }

    @inline(__always)
    func run<T>(_ x: UnsafeMutablePointer<T>, _ o: UnsafeMutablePointer<T>, _ identity: T, _ map: (T) -> T,
                _ combine: (T, T) -> T, _ finalize: (T, Int) -> T) {
        let count = plan.reduceCount
        if plan.outCount == 0 { return }
        // Accumulating whole rows pays off when the kept inner rows are long enough to vectorise; otherwise
        // each output reduces its own strided run (which also splits across cores when outputs are few).
        if plan.innerReduced || plan.reduceCount == 0 || (plan.keptShape.last ?? 0) < 16 {
            plan.reduceEach(identity, run: { _, acc, off, n, s, _ in
                let p = x + off
                if s != 1 {
                    var a = acc
                    for i in 0..<n { a = combine(a, map(p[i * s])) }
                    return a
                }
                // Four independent accumulators: faster, and fewer rounding steps per accumulator.
                var a0 = acc, a1 = identity, a2 = identity, a3 = identity
                var i = 0
                while i + 4 <= n {
                    a0 = combine(a0, map(p[i])); a1 = combine(a1, map(p[i + 1]))
                    a2 = combine(a2, map(p[i + 2])); a3 = combine(a3, map(p[i + 3]))
                    i += 4
                }
                while i < n { a0 = combine(a0, map(p[i])); i += 1 }
                return combine(combine(a0, a1), combine(a2, a3))
            }, merge: combine, store: { o[$0] = finalize($1, count) })
            return
        }
        parallelFor(plan.outCount) { lo, hi in for i in lo..<hi { o[i] = identity } }
        plan.forEachAccumulateRow { oo, xo, n in
            let po = o + oo, px = x + xo
            for i in 0..<n { po[i] = combine(po[i], map(px[i])) }
        }
        parallelFor(plan.outCount) { lo, hi in for i in lo..<hi { o[i] = finalize(o[i], count) } }
    }
}

extension ReduceKernel: IntegerVisitor where F: ReduceFunctor {
    func integer<T: IntegerElement>(_: T.Type) {
        let f = self.f
        run(input.pointer(T.self), out.pointer(T.self), f.identityInteger(T.self), f.mapInteger, f.combineInteger,
            f.finalizeInteger)
    }
}

// MARK: - Functors

struct SumR: ReduceFunctor {
    @inline(__always) func identity<T: KernelFloat>(_: T.Type) -> T { 0 }
    @inline(__always) func combine<T: KernelFloat>(_ a: T, _ b: T) -> T { a + b }
    @inline(__always) func identityInteger<T: IntegerElement>(_: T.Type) -> T { 0 }
    @inline(__always) func combineInteger<T: IntegerElement>(_ a: T, _ b: T) -> T { a &+ b }
}

/// Sum divided by the count; integers divide with truncation (MXNet 1.x `mean` on integers).
struct MeanR: ReduceFunctor {
    @inline(__always) func identity<T: KernelFloat>(_: T.Type) -> T { 0 }
    @inline(__always) func combine<T: KernelFloat>(_ a: T, _ b: T) -> T { a + b }
    @inline(__always) func finalize<T: KernelFloat>(_ a: T, count: Int) -> T { a / T(count) }
    @inline(__always) func identityInteger<T: IntegerElement>(_: T.Type) -> T { 0 }
    @inline(__always) func combineInteger<T: IntegerElement>(_ a: T, _ b: T) -> T { a &+ b }
    @inline(__always) func finalizeInteger<T: IntegerElement>(_ a: T, count: Int) -> T {
        count == 0 ? 0 : T(truncatingIfNeeded: Int64(truncatingIfNeeded: a) / Int64(count))
    }
}

struct ProdR: ReduceFunctor {
    @inline(__always) func identity<T: KernelFloat>(_: T.Type) -> T { 1 }
    @inline(__always) func combine<T: KernelFloat>(_ a: T, _ b: T) -> T { a * b }
    @inline(__always) func identityInteger<T: IntegerElement>(_: T.Type) -> T { 1 }
    @inline(__always) func combineInteger<T: IntegerElement>(_ a: T, _ b: T) -> T { a &* b }
}

/// Maximum; a NaN anywhere gives NaN.
struct MaxR: ReduceFunctor {
    @inline(__always) func identity<T: KernelFloat>(_: T.Type) -> T { -T.infinity }
    @inline(__always) func combine<T: KernelFloat>(_ a: T, _ b: T) -> T { (a.isNaN || a > b) ? a : b }
    @inline(__always) func identityInteger<T: IntegerElement>(_: T.Type) -> T { T.min }
    @inline(__always) func combineInteger<T: IntegerElement>(_ a: T, _ b: T) -> T { a > b ? a : b }
}

/// Minimum; a NaN anywhere gives NaN.
struct MinR: ReduceFunctor {
    @inline(__always) func identity<T: KernelFloat>(_: T.Type) -> T { T.infinity }
    @inline(__always) func combine<T: KernelFloat>(_ a: T, _ b: T) -> T { (a.isNaN || a < b) ? a : b }
    @inline(__always) func identityInteger<T: IntegerElement>(_: T.Type) -> T { T.max }
    @inline(__always) func combineInteger<T: IntegerElement>(_ a: T, _ b: T) -> T { a < b ? a : b }
}

/// Sum treating NaN as zero.
struct NanSumR: ReduceFunctor {
    @inline(__always) func identity<T: KernelFloat>(_: T.Type) -> T { 0 }
    @inline(__always) func map<T: KernelFloat>(_ x: T) -> T { x.isNaN ? 0 : x }
    @inline(__always) func combine<T: KernelFloat>(_ a: T, _ b: T) -> T { a + b }
    @inline(__always) func identityInteger<T: IntegerElement>(_: T.Type) -> T { 0 }
    @inline(__always) func combineInteger<T: IntegerElement>(_ a: T, _ b: T) -> T { a &+ b }
}

/// Product treating NaN as one.
struct NanProdR: ReduceFunctor {
    @inline(__always) func identity<T: KernelFloat>(_: T.Type) -> T { 1 }
    @inline(__always) func map<T: KernelFloat>(_ x: T) -> T { x.isNaN ? 1 : x }
    @inline(__always) func combine<T: KernelFloat>(_ a: T, _ b: T) -> T { a * b }
    @inline(__always) func identityInteger<T: IntegerElement>(_: T.Type) -> T { 1 }
    @inline(__always) func combineInteger<T: IntegerElement>(_ a: T, _ b: T) -> T { a &* b }
}

/// `all` over bytes (bool arrays seen as uint8): 1 when every element is nonzero.
struct AllR: ReduceFunctor {
    @inline(__always) func identity<T: KernelFloat>(_: T.Type) -> T { 1 }
    @inline(__always) func map<T: KernelFloat>(_ x: T) -> T { x != 0 ? 1 : 0 }
    @inline(__always) func combine<T: KernelFloat>(_ a: T, _ b: T) -> T { Swift.min(a, b) }
    @inline(__always) func identityInteger<T: IntegerElement>(_: T.Type) -> T { 1 }
    @inline(__always) func mapInteger<T: IntegerElement>(_ x: T) -> T { x != 0 ? 1 : 0 }
    @inline(__always) func combineInteger<T: IntegerElement>(_ a: T, _ b: T) -> T { a & b }
}

/// `any` over bytes: 1 when some element is nonzero.
struct AnyR: ReduceFunctor {
    @inline(__always) func identity<T: KernelFloat>(_: T.Type) -> T { 0 }
    @inline(__always) func map<T: KernelFloat>(_ x: T) -> T { x != 0 ? 1 : 0 }
    @inline(__always) func combine<T: KernelFloat>(_ a: T, _ b: T) -> T { Swift.max(a, b) }
    @inline(__always) func identityInteger<T: IntegerElement>(_: T.Type) -> T { 0 }
    @inline(__always) func mapInteger<T: IntegerElement>(_ x: T) -> T { x != 0 ? 1 : 0 }
    @inline(__always) func combineInteger<T: IntegerElement>(_ a: T, _ b: T) -> T { a | b }
}

/// Vector p-norm: `(Σ|x|^p)^(1/p)`, with the special orders 0 (count of nonzeros), 1, 2 and ±∞.
struct NormR: FloatReduceFunctor {
    let p: Double
    @inline(__always) func identity<T: KernelFloat>(_: T.Type) -> T {
        p == .infinity ? 0 : (p == -.infinity ? T.infinity : 0)
    }
    @inline(__always) func map<T: KernelFloat>(_ x: T) -> T {
        if p == 2 { return x * x }
        if p == 1 || p.isInfinite { return abs(x) }
        if p == 0 { return x != 0 ? 1 : 0 }
        return T.pow(abs(x), T(p))
    }
    @inline(__always) func combine<T: KernelFloat>(_ a: T, _ b: T) -> T {
        if p == .infinity { return (a.isNaN || a > b) ? a : b }
        if p == -.infinity { return (a.isNaN || a < b) ? a : b }
        return a + b
    }
    @inline(__always) func finalize<T: KernelFloat>(_ a: T, count: Int) -> T {
        if p == 2 { return a.squareRoot() }
        if p == 1 || p == 0 || p.isInfinite { return a }
        return T.pow(a, 1 / T(p))
    }
}
