import RealModule

/// An activation: elementwise forward (via ``UnaryFunctor``) and its derivative from the input `x` and output `y`.
protocol ActivationFunctor: UnaryFunctor {
    static func derivative<T: KernelFloat>(x: T, y: T) -> T
}

/// `dx = dy * F'(x, y)`.
struct ActivationBackwardKernel<F: ActivationFunctor>: FloatVisitor {
    let outGrad: TensorRef, x: TensorRef, y: TensorRef, dx: TensorRef
    func float<T: KernelFloat>(_: T.Type) {
        let g = outGrad.pointer(T.self), px = x.pointer(T.self), py = y.pointer(T.self), o = dx.pointer(T.self)
        parallelFor(dx.count, cost: F.cost) { lo, hi in
            for i in lo..<hi { o[i] = g[i] * F.derivative(x: px[i], y: py[i]) }
        }
    }
}

extension ReluF: ActivationFunctor {
    static func derivative<T: KernelFloat>(x: T, y: T) -> T { y > 0 ? 1 : 0 }
}
extension SigmoidF: ActivationFunctor {
    static func derivative<T: KernelFloat>(x: T, y: T) -> T { y * (1 - y) }
}
extension TanhF: ActivationFunctor {
    static func derivative<T: KernelFloat>(x: T, y: T) -> T { 1 - y * y }
}
extension SoftsignF: ActivationFunctor {
    static func derivative<T: KernelFloat>(x: T, y: T) -> T { let d = 1 + abs(x); return 1 / (d * d) }
}

/// `log(1 + exp(x))`, exact for large `x` (MXNet's `softrelu`).
enum SoftReluF: ActivationFunctor {
    static func float<T: KernelFloat>(_ x: T) -> T { x > 20 ? x : T.log(onePlus: T.exp(x)) }
    static func derivative<T: KernelFloat>(x: T, y: T) -> T { -T.expMinusOne(-y) }
}
/// `log(sigmoid(x)) = -softrelu(-x)` (MXNet 2.0).
enum LogSigmoidF: ActivationFunctor {
    static func float<T: KernelFloat>(_ x: T) -> T { -SoftReluF.float(-x) }
    static func derivative<T: KernelFloat>(x: T, y: T) -> T { 1 - T.exp(y) }
}
/// `x * tanh(softrelu(x))` (MXNet 2.0).
enum MishF: ActivationFunctor {
    static func float<T: KernelFloat>(_ x: T) -> T { x * T.tanh(SoftReluF.float(x)) }
    static func derivative<T: KernelFloat>(x: T, y: T) -> T {
        let t = T.tanh(SoftReluF.float(x)), s = 1 / (1 + T.exp(-x))
        return t + x * s * (1 - t * t)
    }
}

// MARK: - LeakyReLU family

/// Constants of SELU.
enum SELU {
    static let alpha = 1.6732632423543772848170429916717
    static let lambda = 1.0507009873554804934193349852946
}

/// `0.5 x (1 + erf(x / sqrt 2))`.
@inline(__always) func geluErf<T: KernelFloat>(_ x: T) -> T { 0.5 * x * (1 + T.erf(x * T(0.7071067811865476))) }
@inline(__always) func geluErfDerivative<T: KernelFloat>(_ x: T) -> T {
    0.5 * (1 + T.erf(x * T(0.7071067811865476))) + x * T.exp(-0.5 * x * x) * T(0.3989422804014327)
}
/// `0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))`.
@inline(__always) func geluTanh<T: KernelFloat>(_ x: T) -> T {
    0.5 * x * (1 + T.tanh(T(0.7978845608028654) * (x + T(0.044715) * x * x * x)))
}
@inline(__always) func geluTanhDerivative<T: KernelFloat>(_ x: T) -> T {
    let t = T.tanh(T(0.7978845608028654) * (x + T(0.044715) * x * x * x))
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * T(0.7978845608028654) * (1 + 3 * T(0.044715) * x * x)
}

/// Forward of the parameter-free LeakyReLU types (`leaky`, `elu`, `selu`, `gelu`, inference `rrelu`).
struct LeakyForwardKernel: FloatVisitor {
    let x: TensorRef, out: TensorRef, type: LeakyReLUParams.ActType, slope: Double
    func float<T: KernelFloat>(_: T.Type) {
        let px = x.pointer(T.self), po = out.pointer(T.self), n = x.count, a = T(slope)
        switch type {
        case .leaky, .rrelu, .prelu:
            mapUnary(px, po, n) { $0 > 0 ? $0 : $0 * a }
        case .elu:
            mapUnary(px, po, n, cost: 8) { $0 > 0 ? $0 : a * T.expMinusOne($0) }
        case .selu:
            let l = T(SELU.lambda), la = T(SELU.lambda * SELU.alpha)
            mapUnary(px, po, n, cost: 8) { $0 > 0 ? l * $0 : la * T.expMinusOne($0) }
        case .gelu, .geluErf:
            mapUnary(px, po, n, cost: 8) { geluErf($0) }
        case .geluTanh:
            mapUnary(px, po, n, cost: 8) { geluTanh($0) }
        }
    }
}

/// Backward of the parameter-free LeakyReLU types, from input and output as MXNet does.
struct LeakyBackwardKernel: FloatVisitor {
    let outGrad: TensorRef, x: TensorRef, y: TensorRef, dx: TensorRef
    let type: LeakyReLUParams.ActType, slope: Double
    func float<T: KernelFloat>(_: T.Type) {
        let g = outGrad.pointer(T.self), px = x.pointer(T.self), py = y.pointer(T.self), o = dx.pointer(T.self)
        let a = T(slope), n = dx.count
        func map(_ d: @escaping (T, T) -> T) {
            parallelFor(n, cost: 8) { lo, hi in for i in lo..<hi { o[i] = g[i] * d(px[i], py[i]) } }
        }
        switch type {
        case .leaky, .rrelu, .prelu: map { _, y in y > 0 ? 1 : a }
        case .elu: map { _, y in y > 0 ? 1 : y + a }
        case .selu:
            // MXNet's rule from the output: lambda * (y > 0 ? 1 : alpha + y).
            let l = T(SELU.lambda), a = T(SELU.alpha)
            map { _, y in y > 0 ? l : l * (a + y) }
        case .gelu, .geluErf: map { x, _ in geluErfDerivative(x) }
        case .geluTanh: map { x, _ in geluTanhDerivative(x) }
        }
    }
}

/// `out = x > 0 ? x : slope * x` with `slope` broadcast to `x` (PReLU's gamma, RReLU's sampled mask).
struct SlopeForwardKernel: FloatVisitor {
    let x: TensorRef, slope: TensorRef, out: TensorRef
    func float<T: KernelFloat>(_: T.Type) {
        broadcastBinary(x.pointer(T.self), x.shape, slope.pointer(T.self), slope.shape, out.pointer(T.self), out.shape) {
            $0 > 0 ? $0 : $0 * $1
        }
    }
}

/// PReLU backward: `dx = dy * (x > 0 ? 1 : gamma)`; the per-element gamma gradient `dy * (x > 0 ? 0 : x)`
/// (summed to gamma's shape by the caller).
struct PReluBackwardKernel: FloatVisitor {
    let outGrad: TensorRef, x: TensorRef, gamma: TensorRef, dx: TensorRef, dgammaFull: TensorRef
    func float<T: KernelFloat>(_: T.Type) {
        let g = outGrad.pointer(T.self), px = x.pointer(T.self)
        broadcastBinary(px, x.shape, gamma.pointer(T.self), gamma.shape, dx.pointer(T.self), dx.shape) {
            $0 > 0 ? 1 : $1
        }
        let o = dx.pointer(T.self), dg = dgammaFull.pointer(T.self)
        parallelFor(dx.count) { lo, hi in
            for i in lo..<hi {
                dg[i] = px[i] > 0 ? 0 : g[i] * px[i]
                o[i] = o[i] * g[i]
            }
        }
    }
}

/// RReLU backward: `dx = dy * (y > 0 ? 1 : slope)` with the slopes drawn in the forward pass.
struct SlopeBackwardKernel: FloatVisitor {
    let outGrad: TensorRef, y: TensorRef, slope: TensorRef, dx: TensorRef
    func float<T: KernelFloat>(_: T.Type) {
        let g = outGrad.pointer(T.self), py = y.pointer(T.self), s = slope.pointer(T.self), o = dx.pointer(T.self)
        parallelFor(dx.count) { lo, hi in for i in lo..<hi { o[i] = g[i] * (py[i] > 0 ? 1 : s[i]) } }
    }
}

/// `hard_sigmoid`: `clip(alpha · x + beta, 0, 1)`, with alpha and beta in float32 as MXNet keeps them.
struct HardSigmoidKernel: FloatVisitor {
    let x: TensorRef, out: TensorRef, alpha: Double, beta: Double
    func float<T: KernelFloat>(_: T.Type) {
        let a = T(Float(alpha)), b = T(Float(beta))
        mapUnary(x.pointer(T.self), out.pointer(T.self), x.count) { v in
            let r = a * v + b
            return r > 1 ? 1 : (r < 0 ? 0 : r)
        }
    }
}

/// The gradient of ``HardSigmoidKernel``: `alpha · g` where `0 < alpha · x + beta < 1`, else 0.
struct HardSigmoidBackwardKernel: FloatVisitor {
    let outGrad: TensorRef, x: TensorRef, dx: TensorRef, alpha: Double, beta: Double
    func float<T: KernelFloat>(_: T.Type) {
        let a = T(Float(alpha)), b = T(Float(beta))
        let g = outGrad.pointer(T.self), px = x.pointer(T.self), o = dx.pointer(T.self)
        parallelFor(dx.count) { lo, hi in
            for i in lo..<hi {
                let r = a * px[i] + b
                o[i] = r > 0 && r < 1 ? g[i] * a : 0
            }
        }
    }
}
