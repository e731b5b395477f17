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

/// One element type's view of a reduction functor, so that the kernel loops are specialised per
/// (functor, element) pair with every call static.
protocol ReduceElementOps {
    associatedtype T
    var identity: T { get }
    func map(_ x: T) -> T
    func combine(_ a: T, _ b: T) -> T
    func finalize(_ a: T, count: Int) -> T
}

struct FloatReduceOps<F: FloatReduceFunctor, T: KernelFloat>: ReduceElementOps {
    let f: F
    @inline(__always) var identity: T { f.identity(T.self) }
    @inline(__always) func map(_ x: T) -> T { f.map(x) }
    @inline(__always) func combine(_ a: T, _ b: T) -> T { f.combine(a, b) }
    @inline(__always) func finalize(_ a: T, count: Int) -> T { f.finalize(a, count: count) }
}

struct IntegerReduceOps<F: ReduceFunctor, T: IntegerElement>: ReduceElementOps {
    let f: F
    @inline(__always) var identity: T { f.identityInteger(T.self) }
    @inline(__always) func map(_ x: T) -> T { f.mapInteger(x) }
    @inline(__always) func combine(_ a: T, _ b: T) -> T { f.combineInteger(a, b) }
    @inline(__always) func finalize(_ a: T, count: Int) -> T { f.finalizeInteger(a, count: count) }
}

/// Reduces `input` over the axes marked in `reduced` into `out` (same dtype), on both cores when large.
struct ReduceKernel<F: FloatReduceFunctor>: FloatVisitor {
    let input: TensorRef, out: TensorRef, plan: ReducePlan, f: F

    init(input: TensorRef, out: TensorRef, reduced: [Bool], _ f: F) {
        self.input = input; self.out = out; self.f = f
        plan = ReducePlan(shape: input.shape, reduced: reduced)
    }

    func float<T: KernelFloat>(_: T.Type) {
        reduce(FloatReduceOps<F, T>(f: f), input.pointer(T.self), out.pointer(T.self), plan)
    }
}

extension ReduceKernel: IntegerVisitor where F: ReduceFunctor {
    func integer<T: IntegerElement>(_: T.Type) {
        reduce(IntegerReduceOps<F, T>(f: f), input.pointer(T.self), out.pointer(T.self), plan)
    }
}

/// Folds one contiguous run (four independent accumulators: faster, and fewer rounding steps each).
@inline(__always)
func foldRun<O: ReduceElementOps>(_ ops: O, _ p: UnsafeMutablePointer<O.T>, _ n: Int, _ stride: Int, _ acc: O.T) -> O.T {
    if stride != 1 {
        var a = acc
        for i in 0..<n { a = ops.combine(a, ops.map(p[i * stride])) }
        return a
    }
    let id = ops.identity
    var a0 = acc, a1 = id, a2 = id, a3 = id
    var i = 0
    while i + 4 <= n {
        a0 = ops.combine(a0, ops.map(p[i])); a1 = ops.combine(a1, ops.map(p[i + 1]))
        a2 = ops.combine(a2, ops.map(p[i + 2])); a3 = ops.combine(a3, ops.map(p[i + 3]))
        i += 4
    }
    while i < n { a0 = ops.combine(a0, ops.map(p[i])); i += 1 }
    return ops.combine(ops.combine(a0, a1), ops.combine(a2, a3))
}

/// The reduction loops of ``ReduceKernel``, specialised for each functor and element type.
func reduce<O: ReduceElementOps>(_ ops: O, _ x: UnsafeMutablePointer<O.T>, _ o: UnsafeMutablePointer<O.T>,
                                 _ plan: ReducePlan) {
    let count = plan.reduceCount
    if plan.outCount == 0 { return }
    // Accumulating whole rows pays off when the kept inner rows are long enough to vectorise; otherwise
    // each output reduces its own strided run (which also splits across cores when outputs are few).
    if plan.innerReduced || plan.reduceCount == 0 || (plan.keptShape.last ?? 0) < 16 {
        plan.reduceEach(ops.identity, run: { _, acc, off, n, s, _ in foldRun(ops, x + off, n, s, acc) },
                        merge: { ops.combine($0, $1) }, store: { o[$0] = ops.finalize($1, count: count) })
        return
    }
    let id = ops.identity
    parallelFor(plan.outCount) { lo, hi in for i in lo..<hi { o[i] = id } }
    plan.forEachAccumulateRow { oo, xo, n in
        let po = o + oo, px = x + xo
        for i in 0..<n { po[i] = ops.combine(po[i], ops.map(px[i])) }
    }
    parallelFor(plan.outCount) { lo, hi in for i in lo..<hi { o[i] = ops.finalize(o[i], count: count) } }
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
