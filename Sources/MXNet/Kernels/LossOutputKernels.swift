/// SoftmaxOutput's gradient for class-index labels: `(softmax - onehot(label)) * scale` per row, where label smoothing
/// spreads `alpha` over the other classes, and rows whose label is `ignore_label` (with `use_ignore`) get 0.
///
/// Rows are `view`'s rows; row `r` uses `label[r]`. Class indices that fall outside the row subtract nothing.
struct SoftmaxOutputGradKernel: FloatVisitor {
    let out: TensorRef, label: TensorRef, dx: TensorRef, outGrad: TensorRef?
    let view: AxisView, scale: Double, ignoreLabel: Double?, smoothAlpha: Double

    func float<T: KernelFloat>(_: T.Type) {
        let py = out.pointer(T.self), pl = label.pointer(T.self), pd = dx.pointer(T.self)
        let (length, stride) = (view.length, view.inner)
        let view = view, s = T(scale), ignore = ignoreLabel
        let onValue = T(1 - smoothAlpha), offValue = length > 1 ? T(smoothAlpha / Double(length - 1)) : 0
        let pg = outGrad?.pointer(T.self)
        parallelFor(view.rows, cost: 2 * length) { lo, hi in
            for r in lo..<hi {
                let base = view.base(r)
                let labelValue = pl[r]
                if let ignore, Double(labelValue) == ignore {
                    for l in 0..<length { pd[base + l * stride] = 0 }
                    continue
                }
                let k = Int(exactly: labelValue.rounded(.towardZero)) ?? -1
                for l in 0..<length {
                    let at = base + l * stride
                    var v = py[at] - (l == k ? onValue : offValue)
                    v *= s
                    if let pg { v *= pg[at] }
                    pd[at] = v
                }
            }
        }
    }
}

/// SVMOutput's gradient over rows of `out` (`label[r]` is row `r`'s class): L1 (`linear`) or squared hinge.
struct SVMOutputGradKernel: FloatVisitor {
    let out: TensorRef, label: TensorRef, dx: TensorRef
    let rows: Int, classes: Int, margin: Double, coefficient: Double, linear: Bool

    func float<T: KernelFloat>(_: T.Type) {
        let py = out.pointer(T.self), pl = label.pointer(T.self), pd = dx.pointer(T.self)
        let m = T(margin), c = T(coefficient)
        for r in 0..<rows {
            let k = Int(exactly: pl[r].rounded(.towardZero)) ?? -1
            for x in 0..<classes {
                let at = r * classes + x, y = py[at]
                if linear {
                    pd[at] = x == k ? (m > y ? -c : 0) : (m > -y ? c : 0)
                } else {
                    pd[at] = x == k ? (m > y ? -c * 2 * (m - y) : 0) : (m > -y ? c * 2 * (m + y) : 0)
                }
            }
        }
    }
}

/// SoftmaxOutput with probability labels: `dx = (out - label) * scale [* out_grad]`.
struct ProbabilityLabelGradKernel: FloatVisitor {
    let out: TensorRef, label: TensorRef, dx: TensorRef, outGrad: TensorRef?, scale: Double
    func float<T: KernelFloat>(_: T.Type) {
        let py = out.pointer(T.self), pl = label.pointer(T.self), pd = dx.pointer(T.self), s = T(scale)
        let pg = outGrad?.pointer(T.self)
        parallelFor(dx.count) { lo, hi in
            for i in lo..<hi { pd[i] = (py[i] - pl[i]) * s * (pg?[i] ?? 1) }
        }
    }
}
