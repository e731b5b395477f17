import RealModule

/// A binary elementwise function with a float path and an integer path.
protocol BinaryFunctor {
    static func float<T: KernelFloat>(_ a: T, _ b: T) -> T
    /// nil when the function has no integer form (the type rule then computes in float).
    static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T
}

/// A binary comparison producing bool.
protocol CompareFunctor {
    static func compare<T: Comparable>(_ a: T, _ b: T) -> Bool
}

/// Broadcasting `out = F(a, b)` over same-dtype inputs.
struct BinaryKernel<F: BinaryFunctor>: FloatVisitor, IntegerVisitor {
    let a: TensorRef, b: TensorRef, out: TensorRef
    func float<T: KernelFloat>(_: T.Type) {
        broadcastBinary(a.pointer(T.self), a.shape, b.pointer(T.self), b.shape, out.pointer(T.self), out.shape, F.float)
    }
    func integer<T: IntegerElement>(_: T.Type) {
        broadcastBinary(a.pointer(T.self), a.shape, b.pointer(T.self), b.shape, out.pointer(T.self), out.shape, F.integer)
    }
    /// Runs the kernel; bool operands compute as uint8 and the result is normalised to 0/1.
    static func run(_ c: KernelCall<some Any>) throws {
        let (a, b, o) = (c.inputs[0], c.inputs[1], c.outputs[0])
        if a.dtype == .bool {
            let k = BinaryKernel(a: a.asUInt8, b: b.asUInt8, out: o.asUInt8)
            k.integer(UInt8.self)
            normaliseBool(o)
            return
        }
        try a.dispatch(BinaryKernel(a: a, b: b, out: o))
    }
}

/// `out = F(x, scalar)` or, reversed, `F(scalar, x)`.
struct ScalarKernel<F: BinaryFunctor>: FloatVisitor, IntegerVisitor {
    let x: TensorRef, out: TensorRef, scalar: Double, reversed: Bool
    func float<T: KernelFloat>(_: T.Type) {
        let s = T(scalar)
        if reversed {
            mapUnary(x.pointer(T.self), out.pointer(T.self), x.count) { F.float(s, $0) }
        } else {
            mapUnary(x.pointer(T.self), out.pointer(T.self), x.count) { F.float($0, s) }
        }
    }
    func integer<T: IntegerElement>(_: T.Type) {
        let s = T(fromDouble: scalar)
        if reversed {
            mapUnary(x.pointer(T.self), out.pointer(T.self), x.count) { F.integer(s, $0) }
        } else {
            mapUnary(x.pointer(T.self), out.pointer(T.self), x.count) { F.integer($0, s) }
        }
    }
}

/// Broadcasting comparison into a bool output.
struct CompareKernel<F: CompareFunctor>: FloatVisitor, IntegerVisitor {
    let a: TensorRef, b: TensorRef, out: TensorRef
    func float<T: KernelFloat>(_: T.Type) {
        broadcastBinary(a.pointer(T.self), a.shape, b.pointer(T.self), b.shape, out.pointer(Bool.self), out.shape, F.compare)
    }
    func integer<T: IntegerElement>(_: T.Type) {
        broadcastBinary(a.pointer(T.self), a.shape, b.pointer(T.self), b.shape, out.pointer(Bool.self), out.shape, F.compare)
    }
}

/// Comparison with a scalar into a bool output.
struct CompareScalarKernel<F: CompareFunctor>: FloatVisitor, IntegerVisitor {
    let x: TensorRef, out: TensorRef, scalar: Double, reversed: Bool
    func float<T: KernelFloat>(_: T.Type) {
        let s = T(scalar)
        if reversed {
            mapUnary(x.pointer(T.self), out.pointer(Bool.self), x.count) { F.compare(s, $0) }
        } else {
            mapUnary(x.pointer(T.self), out.pointer(Bool.self), x.count) { F.compare($0, s) }
        }
    }
    func integer<T: IntegerElement>(_: T.Type) {
        // Compare in double so that `x < 2.5` on integers is exact.
        if reversed {
            mapUnary(x.pointer(T.self), out.pointer(Bool.self), x.count) { F.compare(scalar, Double($0)) }
        } else {
            mapUnary(x.pointer(T.self), out.pointer(Bool.self), x.count) { F.compare(Double($0), scalar) }
        }
    }
}

extension TensorRef {
    /// The same bytes seen as uint8 (for bool arithmetic).
    var asUInt8: TensorRef { TensorRef(data: data, shape: shape, dtype: .uint8) }
}

/// Rewrites a bool buffer's bytes to 0 or 1.
func normaliseBool(_ t: TensorRef) {
    let p = t.pointer(UInt8.self)
    for i in 0..<t.count { p[i] = p[i] == 0 ? 0 : 1 }
}

// MARK: - Functors

enum AddF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { a + b }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a &+ b }
}
enum SubF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { a - b }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a &- b }
}
enum MulF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { a * b }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a &* b }
}
/// Division; integers truncate toward zero (MXNet 1.x `elemwise_div`), dividing by zero gives 0.
enum DivF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { a / b }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T {
        b == 0 ? 0 : (T.isSigned && b == -1 ? 0 &- a : a / b)
    }
}
/// Floor division (Python semantics).
enum FloorDivF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { (a / b).rounded(.down) }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T {
        if b == 0 { return 0 }
        if T.isSigned && b == -1 { return 0 &- a }
        let q = a / b
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q
    }
}
/// Modulo with the divisor's sign (NumPy `mod`).
enum ModF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T {
        if b == 0 { return 0 }
        var r = a.truncatingRemainder(dividingBy: b)
        if r != 0 && ((r < 0) != (b < 0)) { r += b }
        return r
    }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T {
        if b == 0 || (T.isSigned && b == -1) { return 0 }
        let r = a % b
        return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r
    }
}
enum PowF: BinaryFunctor {
    /// C's `pow`: a negative base with an integral exponent is defined (RealModule's `pow` gives NaN there).
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T {
        if a < 0 && b == b.rounded() && abs(b) < 1e18 {
            let r = T.pow(-a, b)
            return Int64(b) & 1 == 0 ? r : -r
        }
        return T.pow(a, b)
    }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T {
        if b < 0 { return a == 1 ? 1 : (T.isSigned && a == 0 &- 1 ? ((b & 1) == 0 ? 1 : a) : 0) }
        var result: T = 1, base = a, e = b
        while e > 0 {
            if e & 1 == 1 { result = result &* base }
            base = base &* base
            e >>= 1
        }
        return result
    }
}
/// Maximum propagating NaN (NumPy `maximum`).
enum MaxF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { a.isNaN || a > b ? a : b }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a > b ? a : b }
}
enum MinF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { a.isNaN || a < b ? a : b }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a < b ? a : b }
}
/// Maximum ignoring NaN (NumPy `fmax`).
enum FMaxF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { b.isNaN || a > b ? a : b }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a > b ? a : b }
}
enum FMinF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { b.isNaN || a < b ? a : b }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a < b ? a : b }
}
enum HypotF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { T.hypot(a, b) }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T {
        T(fromDouble: Double.hypot(Double(a), Double(b)))
    }
}
enum Atan2F: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { T.atan2(y: a, x: b) }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T {
        T(fromDouble: Double.atan2(y: Double(a), x: Double(b)))
    }
}
enum CopysignF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { T(signOf: b, magnitudeOf: a) }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T {
        let m = a < 0 ? 0 &- a : a
        return b < 0 ? 0 &- m : m
    }
}
/// `v` truncated toward zero to an `Int64`, saturating beyond its range; NaN gives 0. (A plain conversion traps
/// there; C's is undefined.)
@inline(__always)
func saturatingInt64<T: BinaryFloatingPoint>(_ v: T) -> Int64 {
    if v.isNaN { return 0 }
    if v >= 0x1p63 { return .max }
    if v <= -0x1p63 { return .min }
    return Int64(v)
}

enum BitAndF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { T(saturatingInt64(a) & saturatingInt64(b)) }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a & b }
}
enum BitOrF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { T(saturatingInt64(a) | saturatingInt64(b)) }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a | b }
}
enum BitXorF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { T(saturatingInt64(a) ^ saturatingInt64(b)) }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T { a ^ b }
}

enum EqualF: CompareFunctor { @inline(__always) static func compare<T: Comparable>(_ a: T, _ b: T) -> Bool { a == b } }
enum NotEqualF: CompareFunctor { @inline(__always) static func compare<T: Comparable>(_ a: T, _ b: T) -> Bool { a != b } }
enum GreaterF: CompareFunctor { @inline(__always) static func compare<T: Comparable>(_ a: T, _ b: T) -> Bool { a > b } }
enum GreaterEqualF: CompareFunctor { @inline(__always) static func compare<T: Comparable>(_ a: T, _ b: T) -> Bool { a >= b } }
enum LessF: CompareFunctor { @inline(__always) static func compare<T: Comparable>(_ a: T, _ b: T) -> Bool { a < b } }
enum LessEqualF: CompareFunctor { @inline(__always) static func compare<T: Comparable>(_ a: T, _ b: T) -> Bool { a <= b } }

/// Comparison written as 1/0 in the operands' own dtype (MXNet 1.x `broadcast_equal`, `_equal_scalar`, ...).
struct LegacyCompareKernel<F: CompareFunctor>: FloatVisitor, IntegerVisitor {
    let a: TensorRef, b: TensorRef, out: TensorRef
    func float<T: KernelFloat>(_: T.Type) {
        broadcastBinary(a.pointer(T.self), a.shape, b.pointer(T.self), b.shape, out.pointer(T.self), out.shape) {
            F.compare($0, $1) ? 1 : 0
        }
    }
    func integer<T: IntegerElement>(_: T.Type) {
        broadcastBinary(a.pointer(T.self), a.shape, b.pointer(T.self), b.shape, out.pointer(T.self), out.shape) {
            F.compare($0, $1) ? 1 : 0
        }
    }
}

/// Comparison with a scalar written as 1/0 in the input's dtype.
struct LegacyCompareScalarKernel<F: CompareFunctor>: FloatVisitor, IntegerVisitor {
    let x: TensorRef, out: TensorRef, scalar: Double
    func float<T: KernelFloat>(_: T.Type) {
        let s = T(scalar)
        mapUnary(x.pointer(T.self), out.pointer(T.self), x.count) { F.compare($0, s) ? 1 : 0 }
    }
    func integer<T: IntegerElement>(_: T.Type) {
        mapUnary(x.pointer(T.self), out.pointer(T.self), x.count) { F.compare(Double($0), scalar) ? 1 : 0 }
    }
}

/// `a * 2^b` (NumPy `ldexp`).
enum LdexpF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { a * T.pow(2, b) }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T {
        T(fromDouble: Double(a) * Double.pow(2, Double(b)))
    }
}
/// Least common multiple of integers (NumPy `lcm`).
enum LcmF: BinaryFunctor {
    @inline(__always) static func float<T: KernelFloat>(_ a: T, _ b: T) -> T { T(LcmF.integer(saturatingInt64(a), saturatingInt64(b))) }
    @inline(__always) static func integer<T: IntegerElement>(_ a: T, _ b: T) -> T {
        var x = a < 0 ? 0 &- a : a, y = b < 0 ? 0 &- b : b
        if x == 0 || y == 0 { return 0 }
        let (p, q) = (x, y)
        while y != 0 { (x, y) = (y, x % y) }
        return p / x &* q
    }
}

/// The elementwise sum of several same-shape arrays, added left to right (`add_n`).
struct AddNKernel: FloatVisitor, IntegerVisitor {
    let inputs: [TensorRef], out: TensorRef
    func float<T: KernelFloat>(_: T.Type) { run(T.self, +) }
    func integer<T: IntegerElement>(_: T.Type) { run(T.self, &+) }
    private func run<T>(_: T.Type, _ add: @escaping (T, T) -> T) {
        let o = out.pointer(T.self), ptrs = inputs.map { $0.pointer(T.self) }
        parallelFor(out.count, cost: ptrs.count) { lo, hi in
            o.advanced(by: lo).update(from: ptrs[0].advanced(by: lo), count: hi - lo)
            for p in ptrs.dropFirst() {
                for i in lo..<hi { o[i] = add(o[i], p[i]) }
            }
        }
    }
}
