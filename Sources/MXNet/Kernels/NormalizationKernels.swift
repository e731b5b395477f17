// MARK: - Batch normalisation (statistics per channel)

/// Batch norm forward over `(outer, channels, inner)`: batch statistics (updating the running ones) or the
/// running statistics, then `out = (x - mean) * invstd * gamma + beta`. Writes the mean and `1/sqrt(var + eps)`
/// used, as MXNet 1.x's hidden outputs do.
struct BatchNormForwardKernel: FloatVisitor {
    let x: TensorRef, gamma: TensorRef, beta: TensorRef, movingMean: TensorRef, movingVar: TensorRef
    let out: TensorRef, mean: TensorRef, invstd: TensorRef
    let view: AxisView
    let eps: Double, momentum: Double, fixGamma: Bool, batchStatistics: Bool

    func float<T: KernelFloat>(_: T.Type) {
        let px = x.pointer(T.self), po = out.pointer(T.self)
        let g = gamma.pointer(T.self), b = beta.pointer(T.self)
        let mm = movingMean.pointer(T.self), mv = movingVar.pointer(T.self)
        let pm = mean.pointer(T.self), pi = invstd.pointer(T.self)
        let (outer, channels, inner) = (view.outer, view.length, view.inner)
        let n = outer * inner
        parallelFor(channels, cost: 4 * n) { lo, hi in
            for c in lo..<hi {
                var m: Double, v: Double
                if batchStatistics {
                    var s = 0.0
                    for o in 0..<outer {
                        let row = px + (o * channels + c) * inner
                        for i in 0..<inner { s += Double(row[i]) }
                    }
                    m = n > 0 ? s / Double(n) : 0
                    var ss = 0.0
                    for o in 0..<outer {
                        let row = px + (o * channels + c) * inner
                        for i in 0..<inner { let d = Double(row[i]) - m; ss += d * d }
                    }
                    v = n > 0 ? ss / Double(n) : 0
                    mm[c] = T(Double(mm[c]) * momentum + m * (1 - momentum))
                    mv[c] = T(Double(mv[c]) * momentum + v * (1 - momentum))
                } else {
                    m = Double(mm[c]); v = Double(mv[c])
                }
                let istd = 1 / (v + eps).squareRoot()
                let w = fixGamma ? 1 : Double(g[c])
                let scale = T(istd * w), shift = T(Double(b[c]) - m * istd * w)
                for o in 0..<outer {
                    let base = (o * channels + c) * inner
                    let xr = px + base, orow = po + base
                    for i in 0..<inner { orow[i] = xr[i] * scale + shift }
                }
                pm[c] = T(m); pi[c] = T(istd)
            }
        }
    }
}

/// Batch norm backward: gradients of data, gamma and beta from the saved mean and inverse deviation.
/// With batch statistics the data gradient includes the statistics' own dependence on the data.
struct BatchNormBackwardKernel: FloatVisitor {
    let outGrad: TensorRef, x: TensorRef, gamma: TensorRef, mean: TensorRef, invstd: TensorRef
    let dx: TensorRef, dgamma: TensorRef, dbeta: TensorRef
    let view: AxisView
    let fixGamma: Bool, batchStatistics: Bool

    func float<T: KernelFloat>(_: T.Type) {
        let pg = outGrad.pointer(T.self), px = x.pointer(T.self), pdx = dx.pointer(T.self)
        let g = gamma.pointer(T.self), pm = mean.pointer(T.self), pi = invstd.pointer(T.self)
        let dg = dgamma.pointer(T.self), db = dbeta.pointer(T.self)
        let (outer, channels, inner) = (view.outer, view.length, view.inner)
        let n = outer * inner
        parallelFor(channels, cost: 4 * n) { lo, hi in
            for c in lo..<hi {
                let m = Double(pm[c]), istd = Double(pi[c])
                var sumG = 0.0, dot = 0.0
                for o in 0..<outer {
                    let base = (o * channels + c) * inner
                    for i in 0..<inner {
                        let d = Double(pg[base + i])
                        sumG += d
                        dot += (Double(px[base + i]) - m) * d
                    }
                }
                let w = fixGamma ? 1 : Double(g[c])
                if batchStatistics && n > 0 {
                    let k = dot * istd * istd / Double(n), gm = sumG / Double(n)
                    for o in 0..<outer {
                        let base = (o * channels + c) * inner
                        for i in 0..<inner {
                            let d = Double(pg[base + i]) - gm - (Double(px[base + i]) - m) * k
                            pdx[base + i] = T(d * istd * w)
                        }
                    }
                } else {
                    let scale = T(istd * w)
                    for o in 0..<outer {
                        let base = (o * channels + c) * inner
                        for i in 0..<inner { pdx[base + i] = pg[base + i] * scale }
                    }
                }
                dg[c] = fixGamma ? 0 : T(dot * istd)
                db[c] = T(sumG)
            }
        }
    }
}

// MARK: - Row normalisation (statistics per row)

/// Layer, group and instance norm forward: each row of `view` is normalised by its own mean and
/// `std = sqrt(var + eps)`, then scaled and shifted by `gamma[affine(r, l)]`, `beta[...]`.
struct RowNormForwardKernel: FloatVisitor {
    let x: TensorRef, gamma: TensorRef, beta: TensorRef
    let out: TensorRef, mean: TensorRef, std: TensorRef
    let view: AxisView, affine: AffineIndex, eps: Double

    func float<T: KernelFloat>(_: T.Type) {
        let px = x.pointer(T.self), po = out.pointer(T.self)
        let g = gamma.pointer(T.self), b = beta.pointer(T.self)
        let pm = mean.pointer(T.self), ps = std.pointer(T.self)
        let (length, stride) = (view.length, view.inner)
        let view = view, affine = affine, eps = eps
        parallelFor(view.rows, cost: 4 * length) { lo, hi in
            for r in lo..<hi {
                let base = view.base(r)
                var s = 0.0
                for l in 0..<length { s += Double(px[base + l * stride]) }
                let m = length > 0 ? s / Double(length) : 0
                var ss = 0.0
                for l in 0..<length { let d = Double(px[base + l * stride]) - m; ss += d * d }
                let v = length > 0 ? ss / Double(length) : 0
                let sd = (v + eps).squareRoot(), istd = 1 / sd
                for l in 0..<length {
                    let k = affine(r, l), at = base + l * stride
                    po[at] = T((Double(px[at]) - m) * istd) * g[k] + b[k]
                }
                pm[r] = T(m); ps[r] = T(sd)
            }
        }
    }
}

/// Row normalisation backward from the saved mean and std:
/// `dx = (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) / std` with `dxhat = dy * gamma`;
/// `dgamma += dy * xhat`, `dbeta += dy` per parameter index.
struct RowNormBackwardKernel: FloatVisitor {
    let outGrad: TensorRef, x: TensorRef, gamma: TensorRef, mean: TensorRef, std: TensorRef
    let dx: TensorRef, dgamma: TensorRef, dbeta: TensorRef
    let view: AxisView, affine: AffineIndex

    func float<T: KernelFloat>(_: T.Type) {
        let pg = outGrad.pointer(T.self), px = x.pointer(T.self), pdx = dx.pointer(T.self)
        let g = gamma.pointer(T.self), pm = mean.pointer(T.self), ps = std.pointer(T.self)
        let (length, stride) = (view.length, view.inner)
        let view = view, affine = affine
        parallelFor(view.rows, cost: 6 * length) { lo, hi in
            for r in lo..<hi {
                let base = view.base(r)
                let m = Double(pm[r]), istd = 1 / Double(ps[r])
                var sumD = 0.0, sumDX = 0.0
                for l in 0..<length {
                    let at = base + l * stride
                    let d = Double(pg[at]) * Double(g[affine(r, l)])
                    sumD += d
                    sumDX += d * (Double(px[at]) - m) * istd
                }
                let meanD = length > 0 ? sumD / Double(length) : 0
                let meanDX = length > 0 ? sumDX / Double(length) : 0
                for l in 0..<length {
                    let at = base + l * stride
                    let d = Double(pg[at]) * Double(g[affine(r, l)])
                    let xhat = (Double(px[at]) - m) * istd
                    pdx[at] = T((d - meanD - xhat * meanDX) * istd)
                }
            }
        }
        // Parameter gradients: a serial pass, since rows share parameters.
        let dg = dgamma.pointer(T.self), db = dbeta.pointer(T.self)
        var accG = [Double](repeating: 0, count: dgamma.count), accB = accG
        for r in 0..<view.rows {
            let base = view.base(r)
            let m = Double(pm[r]), istd = 1 / Double(ps[r])
            for l in 0..<length {
                let at = base + l * stride, k = affine(r, l)
                let d = Double(pg[at])
                accG[k] += d * (Double(px[at]) - m) * istd
                accB[k] += d
            }
        }
        for k in 0..<dgamma.count { dg[k] = T(accG[k]); db[k] = T(accB[k]) }
    }
}

// MARK: - L2 normalisation

/// `out = x / sqrt(sum(x^2) + eps)` along each row; writes the norm per row.
struct L2NormalizeForwardKernel: FloatVisitor {
    let x: TensorRef, out: TensorRef, norm: TensorRef
    let view: AxisView, eps: Double

    func float<T: KernelFloat>(_: T.Type) {
        let px = x.pointer(T.self), po = out.pointer(T.self), pn = norm.pointer(T.self)
        let (length, stride) = (view.length, view.inner)
        let view = view, eps = eps
        parallelFor(view.rows, cost: 3 * length) { lo, hi in
            for r in lo..<hi {
                let base = view.base(r)
                var ss = 0.0
                for l in 0..<length { let v = Double(px[base + l * stride]); ss += v * v }
                let nrm = (ss + eps).squareRoot()
                let inv = T(1 / nrm)
                for l in 0..<length { po[base + l * stride] = px[base + l * stride] * inv }
                pn[r] = T(nrm)
            }
        }
    }
}

/// L2 normalisation backward: `dx = (dy - y * sum(dy * y)) / norm` per row.
struct L2NormalizeBackwardKernel: FloatVisitor {
    let outGrad: TensorRef, y: TensorRef, norm: TensorRef, dx: TensorRef
    let view: AxisView

    func float<T: KernelFloat>(_: T.Type) {
        let pg = outGrad.pointer(T.self), py = y.pointer(T.self), pn = norm.pointer(T.self)
        let pdx = dx.pointer(T.self)
        let (length, stride) = (view.length, view.inner)
        let view = view
        parallelFor(view.rows, cost: 3 * length) { lo, hi in
            for r in lo..<hi {
                let base = view.base(r)
                var dot = 0.0
                for l in 0..<length { dot += Double(pg[base + l * stride]) * Double(py[base + l * stride]) }
                let inv = 1 / Double(pn[r])
                for l in 0..<length {
                    let at = base + l * stride
                    pdx[at] = T((Double(pg[at]) - Double(py[at]) * dot) * inv)
                }
            }
        }
    }
}
