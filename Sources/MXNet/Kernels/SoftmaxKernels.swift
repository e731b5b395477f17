import RealModule

/// Which elements of a softmax row take part: all, the first `length[r]`, or those where a mask is true.
enum SoftmaxValidity {
    case all
    case lengths(UnsafeMutablePointer<Int64>)
    case mask(UnsafeMutablePointer<Bool>)

    /// Elements of row `r` (of length `n`) at or past this index are excluded (`.lengths`); `n` otherwise.
    @inline(__always) func limit(_ r: Int, _ n: Int) -> Int {
        if case .lengths(let p) = self { return Int(max(0, min(Int64(n), p[r]))) }
        return n
    }
    @inline(__always) func includes(_ at: Int) -> Bool {
        if case .mask(let p) = self { return p[at] }
        return true
    }
}

/// Softmax or log-softmax of `scale * x` along each row of `view` (`scale = ±1 / temperature`; -1 is softmin).
/// Excluded elements get 0 (softmax, or log-softmax with lengths) or -inf (masked log-softmax).
/// `normalize: false` skips the max subtraction (MXNet 2.0 masked softmax's `normalize`).
struct SoftmaxForwardKernel: FloatVisitor {
    let x: TensorRef, out: TensorRef
    let view: AxisView, scale: Double, log: Bool, validity: SoftmaxValidity, normalize: Bool

    func float<T: KernelFloat>(_: T.Type) {
        let px = x.pointer(T.self), po = out.pointer(T.self)
        let (length, stride) = (view.length, view.inner)
        let view = view, s = T(scale), log = log, validity = validity, normalize = normalize
        let excluded: T = {
            if log, case .mask = validity { return -T.infinity }
            return 0
        }()
        parallelFor(view.rows, cost: 8 * length) { lo, hi in
            for r in lo..<hi {
                let base = view.base(r), n = validity.limit(r, length)
                var mx = -T.infinity
                if normalize {
                    for l in 0..<n where validity.includes(base + l * stride) { mx = Swift.max(mx, s * px[base + l * stride]) }
                } else {
                    mx = 0
                }
                var sum = 0.0
                for l in 0..<n {
                    let at = base + l * stride
                    guard validity.includes(at) else { po[at] = excluded; continue }
                    let e = T.exp(s * px[at] - mx)
                    sum += Double(e)
                    if !log { po[at] = e }
                }
                if log {
                    let lse = T(Double.log(sum))
                    for l in 0..<n where validity.includes(base + l * stride) {
                        let at = base + l * stride
                        po[at] = s * px[at] - mx - lse
                    }
                } else {
                    let inv = sum > 0 ? T(1 / sum) : 0
                    for l in 0..<n where validity.includes(base + l * stride) { po[base + l * stride] *= inv }
                }
                for l in n..<length { po[base + l * stride] = excluded }
            }
        }
    }
}

/// Backward of ``SoftmaxForwardKernel`` from its output `y`:
/// softmax `dx = scale * y * (dy - sum(dy * y))`, log-softmax `dx = scale * (dy - exp(y) * sum(dy))`;
/// excluded elements get 0.
struct SoftmaxBackwardKernel: FloatVisitor {
    let outGrad: TensorRef, y: TensorRef, dx: TensorRef
    let view: AxisView, scale: Double, log: Bool, validity: SoftmaxValidity

    func float<T: KernelFloat>(_: T.Type) {
        let pg = outGrad.pointer(T.self), py = y.pointer(T.self), pd = dx.pointer(T.self)
        let (length, stride) = (view.length, view.inner)
        let view = view, s = T(scale), log = log, validity = validity
        parallelFor(view.rows, cost: 6 * length) { lo, hi in
            for r in lo..<hi {
                let base = view.base(r), n = validity.limit(r, length)
                var acc = 0.0
                for l in 0..<n where validity.includes(base + l * stride) {
                    let at = base + l * stride
                    acc += log ? Double(pg[at]) : Double(pg[at]) * Double(py[at])
                }
                let a = T(acc)
                for l in 0..<n {
                    let at = base + l * stride
                    guard validity.includes(at) else { pd[at] = 0; continue }
                    pd[at] = log ? s * (pg[at] - T.exp(py[at]) * a) : s * py[at] * (pg[at] - a)
                }
                for l in n..<length { pd[base + l * stride] = 0 }
            }
        }
    }
}
