/// A reduction: start value and combine step, for floats and integers.
protocol ReduceFunctor {
    static func initial<T: KernelFloat>(_: T.Type) -> T
    static func combine<T: KernelFloat>(_ acc: T, _ x: T) -> T
    static func initialInteger<T: IntegerElement>(_: T.Type) -> T
    static func combineInteger<T: IntegerElement>(_ acc: T, _ x: T) -> T
}

/// Reduces `input` over the axes where `keptShape` has 1 (and `input` does not), writing `keptShape`-many
/// results to `out`.
struct ReduceKernel<F: ReduceFunctor>: FloatVisitor, IntegerVisitor {
    let input: TensorRef, out: TensorRef, keptShape: [Int]
    func float<T: KernelFloat>(_: T.Type) {
        run(input.pointer(T.self), out.pointer(T.self), F.initial(T.self), F.combine)
    }
    func integer<T: IntegerElement>(_: T.Type) {
        run(input.pointer(T.self), out.pointer(T.self), F.initialInteger(T.self), F.combineInteger)
    }
    @inline(__always)
    func run<T>(_ x: UnsafeMutablePointer<T>, _ o: UnsafeMutablePointer<T>, _ start: T, _ f: (T, T) -> T) {
        let n = Shape.count(keptShape)
        for i in 0..<n { o[i] = start }
        if input.count == 0 { return }
        let plan = BroadcastPlan(input.shape, keptShape, out: input.shape)
        plan.forEachRow(parallel: false) { xo, oo, _, len, sx, so in
            let px = x + xo, po = o + oo
            if so == 0 {
                var acc = po[0]
                if sx == 1 { for i in 0..<len { acc = f(acc, px[i]) } } else { for i in 0..<len { acc = f(acc, px[i * sx]) } }
                po[0] = acc
            } else {
                for i in 0..<len { po[i * so] = f(po[i * so], px[i * sx]) }
            }
        }
    }
}

enum SumR: ReduceFunctor {
    @inline(__always) static func initial<T: KernelFloat>(_: T.Type) -> T { 0 }
    @inline(__always) static func combine<T: KernelFloat>(_ a: T, _ x: T) -> T { a + x }
    @inline(__always) static func initialInteger<T: IntegerElement>(_: T.Type) -> T { 0 }
    @inline(__always) static func combineInteger<T: IntegerElement>(_ a: T, _ x: T) -> T { a &+ x }
}
