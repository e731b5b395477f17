/// A strided walk over a C-contiguous buffer: element offset of the first element, and per-axis extent and
/// stride in elements (strides may be negative or zero).
struct StridedRegion {
    var offset: Int
    var shape: [Int]
    var strides: [Int]

    /// The whole of a contiguous array of `shape`.
    static func contiguous(_ shape: [Int]) -> StridedRegion {
        StridedRegion(offset: 0, shape: shape, strides: Shape.strides(shape))
    }

    /// The part of a contiguous array of `shape` selected by per-axis `start` and `step` with output extents `counts`.
    static func slice(of shape: [Int], start: [Int], step: [Int], counts: [Int]) -> StridedRegion {
        let strides = Shape.strides(shape)
        var offset = 0
        for d in 0..<shape.count { offset += start[d] * strides[d] }
        return StridedRegion(offset: offset, shape: counts, strides: zip(step, strides).map { $0 * $1 })
    }
}

/// Copies `count(region)` elements of `elementSize` bytes from `srcRegion` of `src` to `dstRegion` of `dst`
/// (the two regions have the same shape), splitting rows across cores when large.
func copyStrided(from src: UnsafeRawPointer, _ srcRegion: StridedRegion, to dst: UnsafeMutableRawPointer,
                 _ dstRegion: StridedRegion, elementSize: Int) {
    precondition(srcRegion.shape == dstRegion.shape, "copyStrided: region shapes differ")
    switch elementSize {
    case 1: copyStridedTyped(src, srcRegion, dst, dstRegion, UInt8.self)
    case 2: copyStridedTyped(src, srcRegion, dst, dstRegion, UInt16.self)
    case 4: copyStridedTyped(src, srcRegion, dst, dstRegion, UInt32.self)
    default: copyStridedTyped(src, srcRegion, dst, dstRegion, UInt64.self)
    }
}

private func copyStridedTyped<T>(_ src: UnsafeRawPointer, _ s: StridedRegion, _ dst: UnsafeMutableRawPointer,
                                 _ d: StridedRegion, _: T.Type) {
    let n = Shape.count(s.shape)
    if n == 0 { return }
    let sp = src.assumingMemoryBound(to: T.self) + s.offset
    let dp = dst.assumingMemoryBound(to: T.self) + d.offset
    guard let inner = s.shape.last else {
        dp[0] = sp[0]
        return
    }
    let si = s.strides[s.strides.count - 1], di = d.strides[d.strides.count - 1]
    let outer = Array(s.shape.dropLast())
    let rows = n / inner
    parallelFor(rows, cost: inner) { lo, hi in
        var idx = [Int](repeating: 0, count: outer.count)
        var r = lo
        for k in stride(from: outer.count - 1, through: 0, by: -1) { idx[k] = r % outer[k]; r /= outer[k] }
        var so = 0, doff = 0
        for k in 0..<outer.count { so += idx[k] * s.strides[k]; doff += idx[k] * d.strides[k] }
        for _ in lo..<hi {
            let ps = sp + so, pd = dp + doff
            if si == 1 && di == 1 {
                pd.update(from: ps, count: inner)
            } else {
                for j in 0..<inner { pd[j * di] = ps[j * si] }
            }
            var k = outer.count - 1
            while k >= 0 {
                idx[k] += 1; so += s.strides[k]; doff += d.strides[k]
                if idx[k] < outer[k] { break }
                so -= s.strides[k] * outer[k]; doff -= d.strides[k] * outer[k]; idx[k] = 0
                k -= 1
            }
        }
    }
}
