/// A separable gather: destination element `(i0, i1, ...)` reads the source element at offset
/// `offsets[0][i0] + offsets[1][i1] + ...`, or takes the fill value when any term is ``GatherMap/fill``.
///
/// One map describes transpose (strides permuted), flip (reversed indices), roll (rotated), tile (indices
/// modulo the size), repeat (indices divided), broadcast (index 0) and padding (fill or mirrored indices).
///
/// ```swift
/// // flip a (3, 4) array along axis 0
/// let map = GatherMap(offsets: [[8, 4, 0], [0, 1, 2, 3]])
/// ```
struct GatherMap {
    /// Per destination axis, the source offset (in elements) contributed by each index.
    var offsets: [[Int]]

    /// Marks a destination index that reads no source element (padding).
    static let fill = Int.min / 64

    /// The destination shape.
    var shape: [Int] { offsets.map(\.count) }

    /// Reads `source` (shape `shape`) with destination axis `d` taken from source axis `axes[d]`, index `i`
    /// of that axis mapped by `index[d](i)` (nil = fill). With no `axes`, axes correspond one to one.
    init(source shape: [Int], axes: [Int]? = nil, sizes: [Int]? = nil, index: [(Int) -> Int?]? = nil) {
        let strides = Shape.strides(shape)
        let axes = axes ?? Array(shape.indices)
        let sizes = sizes ?? axes.map { shape[$0] }
        offsets = axes.enumerated().map { d, a in
            let f = index?[d]
            return (0..<sizes[d]).map { i in
                guard let f else { return i * strides[a] }
                return f(i).map { $0 * strides[a] } ?? GatherMap.fill
            }
        }
    }

    init(offsets: [[Int]]) { self.offsets = offsets }
}

/// Copies `src` into `dst` through `map` (same dtype), moving bytes of the element size; fill entries get
/// `fillValue` converted to the dtype.
func gatherElements(_ src: TensorRef, _ dst: TensorRef, _ map: GatherMap, fillValue: Double = 0) {
    if dst.count == 0 { return }
    var fillBits: UInt64 = 0
    withUnsafeMutableBytes(of: &fillBits) { raw in
        fill(TensorRef(data: raw.baseAddress!, shape: [1], dtype: src.dtype), fillValue)
    }
    switch src.dtype.size {
    case 1: gatherTyped(src, dst, map, UInt8(truncatingIfNeeded: fillBits))
    case 2: gatherTyped(src, dst, map, UInt16(truncatingIfNeeded: fillBits))
    case 4: gatherTyped(src, dst, map, UInt32(truncatingIfNeeded: fillBits))
    default: gatherTyped(src, dst, map, fillBits)
    }
}

private func gatherTyped<T>(_ src: TensorRef, _ dst: TensorRef, _ map: GatherMap, _ fillValue: T) {
    let s = src.pointer(T.self), o = dst.pointer(T.self)
    let offsets = map.offsets
    guard let inner = offsets.last else {
        o[0] = s[0]
        return
    }
    let n = inner.count
    let outer = GatherMap(offsets: Array(offsets.dropLast()))
    let contiguous = n > 0 && inner[0] >= 0 && inner.indices.allSatisfy { inner[$0] == inner[0] + $0 }
    let rows = Shape.count(outer.shape)
    inner.withUnsafeBufferPointer { inBuf in
        let ip = inBuf.baseAddress!
        parallelFor(rows, cost: n) { lo, hi in
            outer.forEachOffset(lo, hi) { r, base in
                let po = o + r * n
                if base < 0 {
                    for i in 0..<n { po[i] = fillValue }
                } else if contiguous {
                    (po).update(from: s + base + ip[0], count: n)
                } else {
                    for i in 0..<n {
                        let k = ip[i]
                        po[i] = k < 0 ? fillValue : s[base + k]
                    }
                }
            }
        }
    }
}

/// Adds `grad` (shaped like the destination of `map`) into `into` (shaped like its source): the adjoint of
/// ``gatherElements(_:_:_:fillValue:)``, for the gradients of padding. Float dtypes only.
struct GatherAdjointKernel: FloatVisitor {
    let grad: TensorRef, into: TensorRef, map: GatherMap
    func float<T: KernelFloat>(_: T.Type) {
        let g = grad.pointer(T.self), o = into.pointer(T.self)
        for i in 0..<into.count { o[i] = 0 }
        if grad.count == 0 { return }
        guard let inner = map.offsets.last else { o[0] = g[0]; return }
        let n = inner.count
        let outer = GatherMap(offsets: Array(map.offsets.dropLast()))
        outer.forEachOffset(0, Shape.count(outer.shape)) { r, base in
            if base < 0 { return }
            let pg = g + r * n
            for i in 0..<n where inner[i] >= 0 { o[base + inner[i]] += pg[i] }
        }
    }
}

extension GatherMap {
    /// Calls `body(flatIndex, offset)` for destination indices `lo..<hi` (C order), with the summed offset
    /// (negative when any term is a fill).
    @inline(__always)
    func forEachOffset(_ lo: Int, _ hi: Int, _ body: (Int, Int) -> Void) {
        if lo >= hi { return }
        let shape = self.shape, nd = shape.count
        if nd == 0 { body(lo, 0); return }
        var idx = [Int](repeating: 0, count: nd)
        var r = lo
        for d in stride(from: nd - 1, through: 0, by: -1) { idx[d] = r % shape[d]; r /= shape[d] }
        for i in lo..<hi {
            var off = 0
            var filled = false
            for d in 0..<nd {
                let v = offsets[d][idx[d]]
                if v < 0 { filled = true }
                off += v
            }
            body(i, filled ? -1 : off)
            var d = nd - 1
            while d >= 0 {
                idx[d] += 1
                if idx[d] < shape[d] { break }
                idx[d] = 0
                d -= 1
            }
        }
    }
}

/// Reorders axes: `dst` axis `d` is `src` axis `perm[d]`. Permutations that amount to (batched) 2-d
/// transposes run tile by tile so that both sides stay in cache.
func permuteElements(_ src: TensorRef, _ dst: TensorRef, _ perm: [Int]) {
    if src.count >= 4096, let plan = batchedTranspose(src.shape, perm), plan.rows > 1, plan.cols > 1 {
        switch src.dtype.size {
        case 1: transposeTiles(src.pointer(UInt8.self), dst.pointer(UInt8.self), plan)
        case 2: transposeTiles(src.pointer(UInt16.self), dst.pointer(UInt16.self), plan)
        case 4: transposeTiles(src.pointer(UInt32.self), dst.pointer(UInt32.self), plan)
        default: transposeTiles(src.pointer(UInt64.self), dst.pointer(UInt64.self), plan)
        }
        return
    }
    gatherElements(src, dst, GatherMap(source: src.shape, axes: perm))
}

/// A batch of `rows × cols` matrices to transpose.
struct TransposePlan {
    let batch: Int, rows: Int, cols: Int
}

/// Whether `perm` on `shape` is a batch of `(rows, cols) → (cols, rows)` transposes once unit axes are dropped
/// and axes that stay neighbours are merged.
func batchedTranspose(_ shape: [Int], _ perm: [Int]) -> TransposePlan? {
    var groups: [[Int]] = []
    for a in perm where shape[a] != 1 {
        if let last = groups.last?.last, a == nextKept(shape, after: last) {
            groups[groups.count - 1].append(a)
        } else {
            groups.append([a])
        }
    }
    func size(_ g: [Int]) -> Int {
        var n = 1
        for a in g { n *= shape[a] }
        return n
    }
    let bySource: [[Int]] = groups.sorted { (x: [Int], y: [Int]) -> Bool in x[0] < y[0] }
    if groups.count == 2 && groups[0] == bySource[1] {
        return TransposePlan(batch: 1, rows: size(bySource[0]), cols: size(bySource[1]))
    }
    if groups.count == 3 && groups[0] == bySource[0] && groups[1] == bySource[2] {
        return TransposePlan(batch: size(bySource[0]), rows: size(bySource[1]), cols: size(bySource[2]))
    }
    return nil
}

/// The next axis after `a` whose size is not 1.
private func nextKept(_ shape: [Int], after a: Int) -> Int {
    var b = a + 1
    while b < shape.count && shape[b] == 1 { b += 1 }
    return b
}

/// `dst[b][j][i] = src[b][i][j]` for a batch of `rows × cols` matrices, in 32 × 32 tiles across cores. Each
/// tile goes through a small buffer so that both the reads and the writes are contiguous runs (large
/// power-of-two strides would otherwise make the tile's cache lines collide).
private func transposeTiles<T>(_ s: UnsafeMutablePointer<T>, _ d: UnsafeMutablePointer<T>, _ plan: TransposePlan) {
    let rows = plan.rows, cols = plan.cols
    let tile = 32
    let tr = (rows + tile - 1) / tile, tc = (cols + tile - 1) / tile
    let tiles = plan.batch * tr * tc
    parallelFor(tiles, cost: tile * tile) { lo, hi in
        let buf = UnsafeMutablePointer<T>.allocate(capacity: tile * tile)
        defer { buf.deallocate() }
        for t in lo..<hi {
            let b: Int = t / (tr * tc)
            let r0: Int = ((t / tc) % tr) * tile
            let c0: Int = (t % tc) * tile
            let h: Int = Swift.min(tile, rows - r0)
            let w: Int = Swift.min(tile, cols - c0)
            let matrix: Int = b * rows * cols
            let sb: UnsafeMutablePointer<T> = s.advanced(by: matrix + r0 * cols + c0)
            let db: UnsafeMutablePointer<T> = d.advanced(by: matrix + c0 * rows + r0)
            for i in 0..<h {
                buf.advanced(by: i * tile).update(from: sb.advanced(by: i * cols), count: w)
            }
            for j in 0..<w {
                let dr: UnsafeMutablePointer<T> = db.advanced(by: j * rows)
                for i in 0..<h { dr[i] = buf[i * tile + j] }
            }
        }
    }
}

// MARK: - Joining and splitting

/// Concatenates `inputs` along `axis` into `out` (all the same dtype and rank).
func concatElements(_ inputs: [TensorRef], _ out: TensorRef, axis: Int) {
    let size = out.dtype.size
    let outer = Shape.count(Array(out.shape[..<axis]))
    let inner = Shape.count(Array(out.shape[(axis + 1)...])) * size
    let rowBytes = out.shape[axis] * inner
    if outer == 0 || rowBytes == 0 { return }
    parallelFor(outer, cost: rowBytes / Swift.max(size, 1)) { lo, hi in
        for b in lo..<hi {
            var at = b * rowBytes
            for x in inputs {
                let n = x.shape[axis] * inner
                if n > 0 { (out.data + at).copyMemory(from: x.data + b * n, byteCount: n) }
                at += n
            }
        }
    }
}

/// Copies the pieces `ranges` (start, size along `axis`) of `input` into `outputs` (the reverse of
/// ``concatElements(_:_:axis:)``); outputs may have the split axis squeezed away.
func splitElements(_ input: TensorRef, _ outputs: [TensorRef], axis: Int, ranges: [(start: Int, size: Int)]) {
    let size = input.dtype.size
    let outer = Shape.count(Array(input.shape[..<axis]))
    let inner = Shape.count(Array(input.shape[(axis + 1)...])) * size
    let rowBytes = input.shape[axis] * inner
    if outer == 0 || rowBytes == 0 { return }
    parallelFor(outer, cost: rowBytes / Swift.max(size, 1)) { lo, hi in
        for b in lo..<hi {
            for (k, o) in outputs.enumerated() {
                let n = ranges[k].size * inner
                if n > 0 { (o.data + b * n).copyMemory(from: input.data + b * rowBytes + ranges[k].start * inner, byteCount: n) }
            }
        }
    }
}
