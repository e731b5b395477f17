/// Copies `src` (C order, `shape`) into `dst` with its axes reordered: `dst` axis `d` is `src` axis `perm[d]`.
///
/// ```swift
/// permute(a, shape: [2, 3], perm: [1, 0], into: b)  // b is a transposed, shape (3, 2)
/// ```
func permute<T>(_ src: UnsafePointer<T>, shape: [Int], perm: [Int], into dst: UnsafeMutablePointer<T>) {
    let n = Shape.count(shape)
    if n == 0 { return }
    let srcStrides = Shape.strides(shape)
    // Merge neighbouring destination axes that stay neighbours in the source.
    var dims: [Int] = [], strides: [Int] = []
    for p in perm where shape[p] != 1 {
        if let last = dims.last, strides.last! == srcStrides[p] * shape[p] {
            dims[dims.count - 1] = last * shape[p]
            strides[strides.count - 1] = srcStrides[p]
        } else {
            dims.append(shape[p]); strides.append(srcStrides[p])
        }
    }
    if dims.isEmpty || (dims.count == 1 && strides[0] == 1) {
        dst.update(from: src, count: n)
        return
    }
    let inner = dims[dims.count - 1], innerStride = strides[strides.count - 1]
    let outerDims = Array(dims.dropLast()), outerStrides = Array(strides.dropLast())
    let rows = n / inner
    parallelFor(rows, cost: inner) { lo, hi in
        var idx = [Int](repeating: 0, count: outerDims.count)
        var r = lo, off = 0
        for d in stride(from: outerDims.count - 1, through: 0, by: -1) {
            idx[d] = r % outerDims[d]; r /= outerDims[d]; off += idx[d] * outerStrides[d]
        }
        for row in lo..<hi {
            let o = dst + row * inner, s = src + off
            if innerStride == 1 {
                for i in 0..<inner { o[i] = s[i] }
            } else {
                for i in 0..<inner { o[i] = s[i * innerStride] }
            }
            var d = outerDims.count - 1
            while d >= 0 {
                idx[d] += 1; off += outerStrides[d]
                if idx[d] < outerDims[d] { break }
                off -= outerStrides[d] * outerDims[d]; idx[d] = 0
                d -= 1
            }
        }
    }
}
