import RealModule

/// A unary elementwise function with float and integer paths (integers default to computing through Double).
protocol UnaryFunctor {
    static func float<T: KernelFloat>(_ x: T) -> T
    static func integer<T: IntegerElement>(_ x: T) -> T
    /// Relative cost per element, for deciding when a loop is worth splitting across cores (transcendental
    /// functions 8, a compare or a sign flip 1).
    static var cost: Int { get }
}
extension UnaryFunctor {
    @inline(__always) static func integer<T: IntegerElement>(_ x: T) -> T { T(fromDouble: float(Double(x))) }
    static var cost: Int { 8 }
}

/// A unary predicate producing bool (`isnan`, ...).
protocol PredicateFunctor {
    static func test<T: KernelFloat>(_ x: T) -> Bool
    static func testInteger<T: IntegerElement>(_ x: T) -> Bool
}

struct UnaryKernel<F: UnaryFunctor>: FloatVisitor, IntegerVisitor {
    let x: TensorRef, out: TensorRef
    // The loops call `F` statically (not through a closure), so the functor inlines and the loop vectorises.
    func float<T: KernelFloat>(_: T.Type) {
        let px = x.pointer(T.self), po = out.pointer(T.self)
        parallelFor(x.count, cost: F.cost) { lo, hi in for i in lo..<hi { po[i] = F.float(px[i]) } }
    }
    func integer<T: IntegerElement>(_: T.Type) {
        let px = x.pointer(T.self), po = out.pointer(T.self)
        parallelFor(x.count, cost: F.cost) { lo, hi in for i in lo..<hi { po[i] = F.integer(px[i]) } }
    }
}

struct PredicateKernel<F: PredicateFunctor>: FloatVisitor, IntegerVisitor {
    let x: TensorRef, out: TensorRef
    func float<T: KernelFloat>(_: T.Type) { mapUnary(x.pointer(T.self), out.pointer(Bool.self), x.count, F.test) }
    func integer<T: IntegerElement>(_: T.Type) { mapUnary(x.pointer(T.self), out.pointer(Bool.self), x.count, F.testInteger) }
}

// MARK: - Functors

enum NegativeF: UnaryFunctor {
    static var cost: Int { 1 }
    static func float<T: KernelFloat>(_ x: T) -> T { -x }
    static func integer<T: IntegerElement>(_ x: T) -> T { 0 &- x }
}
enum AbsF: UnaryFunctor {
    static var cost: Int { 1 }
    static func float<T: KernelFloat>(_ x: T) -> T { abs(x) }
    static func integer<T: IntegerElement>(_ x: T) -> T { x < 0 ? 0 &- x : x }
}
enum SignF: UnaryFunctor {
    static func float<T: KernelFloat>(_ x: T) -> T { x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0)) }
    static func integer<T: IntegerElement>(_ x: T) -> T { x > 0 ? 1 : (x < 0 ? 0 &- 1 : 0) }
}
enum SquareF: UnaryFunctor {
    static func float<T: KernelFloat>(_ x: T) -> T { x * x }
    static func integer<T: IntegerElement>(_ x: T) -> T { x &* x }
}
enum ReciprocalF: UnaryFunctor {
    static func float<T: KernelFloat>(_ x: T) -> T { 1 / x }
    static func integer<T: IntegerElement>(_ x: T) -> T { x == 0 ? 0 : 1 / x }
}
enum ExpF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.exp(x) } }
enum Expm1F: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.expMinusOne(x) } }
enum LogF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.log(x) } }
enum Log2F: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.log2(x) } }
enum Log10F: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.log10(x) } }
enum Log1pF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.log(onePlus: x) } }
enum SqrtF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { x.squareRoot() } }
enum RsqrtF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { 1 / x.squareRoot() } }
enum CbrtF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.root(x, 3) } }
enum RcbrtF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { 1 / T.root(x, 3) } }
enum SinF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.sin(x) } }
enum CosF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.cos(x) } }
enum TanF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.tan(x) } }
enum ArcsinF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.asin(x) } }
enum ArccosF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.acos(x) } }
enum ArctanF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.atan(x) } }
enum SinhF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.sinh(x) } }
enum CoshF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.cosh(x) } }
enum TanhF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.tanh(x) } }
enum ArcsinhF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.asinh(x) } }
enum ArccoshF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.acosh(x) } }
enum ArctanhF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.atanh(x) } }
enum DegreesF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { x * (180 / T.pi) } }
enum RadiansF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { x * (T.pi / 180) } }
enum FloorF: UnaryFunctor {
    static func float<T: KernelFloat>(_ x: T) -> T { x.rounded(.down) }
    static func integer<T: IntegerElement>(_ x: T) -> T { x }
}
enum CeilF: UnaryFunctor {
    static func float<T: KernelFloat>(_ x: T) -> T { x.rounded(.up) }
    static func integer<T: IntegerElement>(_ x: T) -> T { x }
}
enum TruncF: UnaryFunctor {
    static func float<T: KernelFloat>(_ x: T) -> T { x.rounded(.towardZero) }
    static func integer<T: IntegerElement>(_ x: T) -> T { x }
}
/// MXNet's `rint`: nearest integer, ties toward the floor (-2.5 → -3, 2.5 → 2), as MXNet 1.9.1 computes it.
enum RintF: UnaryFunctor {
    static func float<T: KernelFloat>(_ x: T) -> T {
        let lo = x.rounded(.down), hi = x.rounded(.up)
        return x - lo <= hi - x ? lo : hi
    }
    static func integer<T: IntegerElement>(_ x: T) -> T { x }
}
/// Round half away from zero (MXNet 1.x `round`).
enum RoundAwayF: UnaryFunctor {
    static func float<T: KernelFloat>(_ x: T) -> T { x.rounded(.toNearestOrAwayFromZero) }
    static func integer<T: IntegerElement>(_ x: T) -> T { x }
}
enum ReluF: UnaryFunctor {
    static var cost: Int { 1 }
    static func float<T: KernelFloat>(_ x: T) -> T { x > 0 ? x : (x.isNaN ? x : 0) }
    static func integer<T: IntegerElement>(_ x: T) -> T { x > 0 ? x : 0 }
}
enum SigmoidF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { 1 / (1 + T.exp(-x)) } }
enum SoftsignF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { x / (1 + abs(x)) } }
enum ErfF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.erf(x) } }
enum ErfinvF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T(inverseErf(Double(x))) } }
enum GammaF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.gamma(x) } }
enum GammalnF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T.logGamma(x) } }
enum BitNotF: UnaryFunctor {
    static func float<T: KernelFloat>(_ x: T) -> T { T(~saturatingInt64(x)) }
    static func integer<T: IntegerElement>(_ x: T) -> T { ~x }
}

enum IsNanF: PredicateFunctor {
    static func test<T: KernelFloat>(_ x: T) -> Bool { x.isNaN }
    static func testInteger<T: IntegerElement>(_ x: T) -> Bool { false }
}
enum IsInfF: PredicateFunctor {
    static func test<T: KernelFloat>(_ x: T) -> Bool { x.isInfinite }
    static func testInteger<T: IntegerElement>(_ x: T) -> Bool { false }
}
enum IsPosInfF: PredicateFunctor {
    static func test<T: KernelFloat>(_ x: T) -> Bool { x.isInfinite && x > 0 }
    static func testInteger<T: IntegerElement>(_ x: T) -> Bool { false }
}
enum IsNegInfF: PredicateFunctor {
    static func test<T: KernelFloat>(_ x: T) -> Bool { x.isInfinite && x < 0 }
    static func testInteger<T: IntegerElement>(_ x: T) -> Bool { false }
}
enum IsFiniteF: PredicateFunctor {
    static func test<T: KernelFloat>(_ x: T) -> Bool { x.isFinite }
    static func testInteger<T: IntegerElement>(_ x: T) -> Bool { true }
}
enum LogicalNotF: PredicateFunctor {
    static func test<T: KernelFloat>(_ x: T) -> Bool { x == 0 }
    static func testInteger<T: IntegerElement>(_ x: T) -> Bool { x == 0 }
}

/// Inverse error function: Giles' single-precision-style approximation refined by two Newton steps in double.
func inverseErf(_ y: Double) -> Double {
    if y <= -1 { return y == -1 ? -.infinity : .nan }
    if y >= 1 { return y == 1 ? .infinity : .nan }
    var w = -Double.log((1 - y) * (1 + y))
    var x: Double
    if w < 5 {
        w -= 2.5
        var p = 2.81022636e-08
        p = 3.43273939e-07 + p * w; p = -3.5233877e-06 + p * w; p = -4.39150654e-06 + p * w
        p = 0.00021858087 + p * w; p = -0.00125372503 + p * w; p = -0.00417768164 + p * w
        p = 0.246640727 + p * w; p = 1.50140941 + p * w
        x = p * y
    } else {
        w = w.squareRoot() - 3
        var p = -0.000200214257
        p = 0.000100950558 + p * w; p = 0.00134934322 + p * w; p = -0.00367342844 + p * w
        p = 0.00573950773 + p * w; p = -0.0076224613 + p * w; p = 0.00943887047 + p * w
        p = 1.00167406 + p * w; p = 2.83297682 + p * w
        x = p * y
    }
    for _ in 0..<2 {
        let err = Double.erf(x) - y
        x -= err / (2 / Double.pi.squareRoot() * Double.exp(-x * x))
    }
    return x
}

/// Digamma ψ(x) (the derivative of `gammaln`), by recurrence to x ≥ 6 and the asymptotic series.
func digamma(_ x0: Double) -> Double {
    var x = x0, result = 0.0
    if x <= 0 && x == x.rounded() { return .nan }
    if x < 0 { return digamma(1 - x) - Double.pi / Double.tan(Double.pi * x) }
    while x < 6 { result -= 1 / x; x += 1 }
    let f = 1 / (x * x)
    let series = f * (-1.0 / 12 + f * (1.0 / 120 + f * (-1.0 / 252 + f * (1.0 / 240 + f * (-1.0 / 132)))))
    return result + Double.log(x) - 0.5 / x + series
}
enum DigammaF: UnaryFunctor { static func float<T: KernelFloat>(_ x: T) -> T { T(digamma(Double(x))) } }
