/// The channels whose squares enter LRN's sum for channel `c`: `c - (n-1)/2 ... c + (n+1)/2 - 1`, clipped
/// (symmetric for odd `n`; for even `n` the window MXNet 1.9.1's oneDNN kernel uses).
@inline(__always)
func lrnWindow(_ c: Int, size n: Int, channels: Int) -> Range<Int> {
    max(c - (n - 1) / 2, 0)..<min(c + (n + 1) / 2, channels)
}

/// Local response normalisation across channels of NCHW data:
/// `norm = knorm + alpha / nsize · Σ_window x²`, `out = x · norm^(-beta)`.
struct LRNForwardKernel: FloatVisitor {
    let x: TensorRef, out: TensorRef, norm: TensorRef
    let alpha: Double, beta: Double, knorm: Double, size: Int

    func float<T: KernelFloat>(_: T.Type) {
        let (n, c) = (x.shape[0], x.shape[1]), plane = x.count / max(n * c, 1)
        let xp = x.pointer(T.self), op = out.pointer(T.self), mp = norm.pointer(T.self)
        let salpha = T(alpha) / T(size), k = T(knorm), b = -T(beta), size = size
        parallelFor(n * c, cost: plane * size) { lo, hi in
            for nc in lo..<hi {
                let ch = nc % c, base = nc - ch
                let dst = mp + nc * plane
                for i in 0..<plane { dst[i] = 0 }
                for w in lrnWindow(ch, size: size, channels: c) {
                    let src = xp + (base + w) * plane
                    for i in 0..<plane { dst[i] += src[i] * src[i] }
                }
                let xs = xp + nc * plane, o = op + nc * plane
                for i in 0..<plane {
                    dst[i] = dst[i] * salpha + k
                    o[i] = xs[i] * T.pow(dst[i], b)
                }
            }
        }
    }
}

/// The gradient of ``LRNForwardKernel``:
/// `dx = g · norm^(-beta) - 2 · beta · alpha / nsize · x · Σ_{c' whose window holds c} g·x·norm^(-beta-1)`.
struct LRNBackwardKernel: FloatVisitor {
    let outGrad: TensorRef, x: TensorRef, norm: TensorRef, dx: TensorRef
    let alpha: Double, beta: Double, size: Int

    func float<T: KernelFloat>(_: T.Type) {
        let (n, c) = (x.shape[0], x.shape[1]), plane = x.count / max(n * c, 1)
        let gp = outGrad.pointer(T.self), xp = x.pointer(T.self), mp = norm.pointer(T.self), dp = dx.pointer(T.self)
        let factor = -2 * T(beta) * T(alpha) / T(size), b = T(beta), size = size
        // t = g · x · norm^(-beta-1), computed once per element.
        let scratch = UnsafeMutablePointer<T>.allocate(capacity: max(x.count, 1))
        defer { scratch.deallocate() }
        mapTernary(gp, xp, mp, scratch, x.count) { g, x, m in g * x * T.pow(m, -b - 1) }
        parallelFor(n * c, cost: plane * size) { lo, hi in
            for nc in lo..<hi {
                let ch = nc % c, base = nc - ch
                let d = dp + nc * plane
                for i in 0..<plane { d[i] = 0 }
                // Output channels whose window contains `ch`.
                for o in max(ch - (size + 1) / 2 + 1, 0)..<min(ch + (size - 1) / 2 + 1, c) {
                    let t = scratch + (base + o) * plane
                    for i in 0..<plane { d[i] += t[i] }
                }
                let g = gp + nc * plane, xs = xp + nc * plane, m = mp + nc * plane
                for i in 0..<plane { d[i] = g[i] * T.pow(m[i], -b) + factor * xs[i] * d[i] }
            }
        }
    }
}

@inline(__always)
private func mapTernary<T>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafePointer<T>,
                           _ out: UnsafeMutablePointer<T>, _ n: Int, _ f: (T, T, T) -> T) {
    parallelFor(n, cost: 8) { lo, hi in
        for i in lo..<hi { out[i] = f(a[i], b[i], c[i]) }
    }
}
