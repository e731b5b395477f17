/// Shapes of one grouped convolution as matrix products: per batch item and group,
/// `out[F/g × P] = weight[F/g × (C/g)·K] · columns[(C/g)·K × P]`.
struct ConvPlan {
    /// The image side (input of a convolution, output of a deconvolution) with its column layout.
    var geometry: ConvGeometry
    var batch: Int
    var groups: Int
    /// Channels on the grid side (a convolution's filters, a deconvolution's input channels).
    var gridChannels: Int

    var imageChannelsPerGroup: Int { geometry.channels / groups }
    var gridChannelsPerGroup: Int { gridChannels / groups }
    /// Rows of one group's block of the column matrix.
    var groupRows: Int { imageChannelsPerGroup * geometry.kernelSize }
    var gridSize: Int { geometry.gridSize }
    var imageItem: Int { geometry.channels * geometry.imageSize }
    var gridItem: Int { gridChannels * gridSize }
    var weightGroup: Int { gridChannelsPerGroup * groupRows }

    /// Runs `body(item, columns)` for every batch item with a scratch column buffer; small problems split the
    /// batch across cores (each with its own buffer), large ones leave the cores to OpenBLAS.
    func forEachItem<T: KernelFloat>(_: T.Type, parallel: Bool = true,
                                     _ body: (Int, UnsafeMutablePointer<T>) -> Void) {
        let colCount = geometry.isIdentity ? 1 : geometry.columnRows * gridSize
        let work = gridChannels * groupRows * gridSize
        let split = parallel && batch > 1 && work < 1 << 22
        let workers = split ? min(batch, coreCount) : 1
        parallelFor(workers, cost: 1 << 30) { lo, hi in
            for w in lo..<hi {
                let col = UnsafeMutablePointer<T>.allocate(capacity: max(colCount, 1))
                defer { col.deallocate() }
                var n = w
                while n < batch { body(n, col); n += workers }
            }
        }
    }

    /// Bias added per grid channel over every position.
    func addBias<T: KernelFloat>(_ out: UnsafeMutablePointer<T>, _ bias: UnsafePointer<T>, channels: Int, size: Int) {
        parallelFor(batch * channels, cost: size) { lo, hi in
            for i in lo..<hi {
                let b = bias[i % channels], row = out + i * size
                for j in 0..<size { row[j] += b }
            }
        }
    }

    /// Sums `grad` (batch, channels, size) over batch and positions into `out` (channels).
    static func biasGradient<T: KernelFloat>(_ grad: UnsafePointer<T>, batch: Int, channels: Int, size: Int,
                                             _ out: UnsafeMutablePointer<T>) {
        parallelFor(channels, cost: batch * size) { lo, hi in
            for c in lo..<hi {
                var s: T = 0
                for n in 0..<batch {
                    let row = grad + (n * channels + c) * size
                    for j in 0..<size { s += row[j] }
                }
                out[c] = s
            }
        }
    }
}

/// What a convolution does to its output after the matrix product, while the output is still in cache: add the
/// bias, add a residual of the output's shape, clamp at zero (ReLU; NaN passes through).
struct ConvEpilogue {
    var bias: TensorRef?
    var residual: TensorRef?
    var relu = false

    var isEmpty: Bool { bias == nil && residual == nil && !relu }

    /// Applies the epilogue to columns `columns` of one item's output (`channels` rows of `size` at `out`),
    /// reading the residual at the same place (`itemOffset` elements into it).
    func apply<T: KernelFloat>(_ out: UnsafeMutablePointer<T>, itemOffset: Int, channels: Int, size: Int,
                               columns: Range<Int>) {
        let b = bias?.pointer(T.self), r = residual.map { $0.pointer(T.self) + itemOffset }, relu = relu
        let (c0, count) = (columns.lowerBound, columns.count)
        parallelFor(channels, cost: count) { lo, hi in
            for ch in lo..<hi {
                // Row pointers offset to the first column, loop bounds in locals: the loops vectorise.
                let row = out + ch * size + c0, add = b?[ch] ?? 0, n = count
                if let r {
                    let res = r + ch * size + c0
                    if relu {
                        for j in 0..<n { row[j] = Self.relu(row[j] + add + res[j]) }
                    } else {
                        for j in 0..<n { row[j] = row[j] + add + res[j] }
                    }
                } else if relu {
                    for j in 0..<n { row[j] = Self.relu(row[j] + add) }
                } else {
                    for j in 0..<n { row[j] += add }
                }
            }
        }
    }

    /// max(v, 0), NaN passing through.
    @inline(__always) static func relu<T: KernelFloat>(_ v: T) -> T { Swift.max(v, 0) }
}

/// `Convolution` forward: im2col (skipped for 1×1) and one GEMM per group, then the ``ConvEpilogue``.
///
/// A large output grid is cut into column tiles whose column matrix fits in a core's L2 cache; each core takes
/// whole tiles (im2col, GEMM and epilogue back to back). A small grid (late ResNet stages) is computed whole,
/// with each GEMM split across the cores by filters.
struct ConvolutionForward: FloatVisitor {
    let plan: ConvPlan
    let data: TensorRef, weight: TensorRef, out: TensorRef
    let epilogue: ConvEpilogue

    init(plan: ConvPlan, data: TensorRef, weight: TensorRef, bias: TensorRef?, out: TensorRef,
         residual: TensorRef? = nil, relu: Bool = false) {
        self.plan = plan; self.data = data; self.weight = weight; self.out = out
        epilogue = ConvEpilogue(bias: bias, residual: residual, relu: relu)
    }

    /// Column-tile width: the tile's column matrix within 1 MiB (each tile's GEMM packs the whole weight
    /// again, so tiles stay wide), at least 64 and a multiple of 16 columns.
    static func tileWidth<T>(_: T.Type, rows: Int) -> Int {
        max(64, (1024 * 1024 / MemoryLayout<T>.stride / max(rows, 1)) / 16 * 16)
    }

    func float<T: KernelFloat>(_: T.Type) {
        let p = plan, size = p.gridSize
        let tile = Self.tileWidth(T.self, rows: p.geometry.columnRows)
        // A 1×1 convolution reads the image in place: no column matrix to keep in cache.
        let tiles = p.geometry.isIdentity ? 1 : (size + tile - 1) / tile
        if p.batch == 1 || tiles >= 2 * coreCount {
            // Item by item; tiles across the cores.
            for n in 0..<p.batch {
                if tiles >= 2 * coreCount {
                    parallelFor(tiles, cost: parallelThreshold) { lo, hi in
                        let scratch = UnsafeMutablePointer<T>.allocate(capacity: p.geometry.columnRows * tile)
                        defer { scratch.deallocate() }
                        for t in lo..<hi { compute(item: n, columns: t * tile..<min(size, (t + 1) * tile), scratch) }
                    }
                } else {
                    let scratch = UnsafeMutablePointer<T>.allocate(capacity: p.geometry.isIdentity ? 1 : p.geometry.columnRows * size)
                    defer { scratch.deallocate() }
                    compute(item: n, columns: 0..<size, scratch)
                }
            }
        } else {
            // Small grids and several items: items across the cores.
            p.forEachItem(T.self) { n, scratch in compute(item: n, columns: 0..<size, scratch) }
        }
    }

    /// Output columns `columns` of item `n`, with `scratch` for their column matrix.
    @inline(__always)
    private func compute<T: KernelFloat>(item n: Int, columns: Range<Int>, _ scratch: UnsafeMutablePointer<T>) {
        let p = plan, g = p.geometry, size = p.gridSize, width = columns.count
        let x = data.pointer(T.self), w = weight.pointer(T.self), o = out.pointer(T.self)
        let fg = p.gridChannelsPerGroup, rows = p.groupRows
        let image = x + n * p.imageItem
        let col: UnsafePointer<T>, ld: Int
        if g.isIdentity {
            col = UnsafePointer(image + columns.lowerBound); ld = size
        } else {
            g.im2col(image, scratch, columns: columns); col = UnsafePointer(scratch); ld = width
        }
        let item = o + n * p.gridItem
        for grp in 0..<p.groups {
            GEMM.run(m: fg, n: width, k: rows, w + grp * p.weightGroup, MatrixOperand(ld: rows),
                     col + grp * rows * ld, MatrixOperand(ld: ld), item + grp * fg * size + columns.lowerBound, ldc: size)
        }
        if !epilogue.isEmpty {
            epilogue.apply(item, itemOffset: n * p.gridItem, channels: p.gridChannels, size: size, columns: columns)
        }
    }
}

/// `Convolution` backward: data gradient by GEMM + col2im, weight gradient by GEMM against the columns.
struct ConvolutionBackward: FloatVisitor {
    let plan: ConvPlan
    let outGrad: TensorRef, data: TensorRef, weight: TensorRef
    let dData: TensorRef, dWeight: TensorRef, dBias: TensorRef?

    func float<T: KernelFloat>(_: T.Type) {
        let p = plan, g = p.geometry
        let dy = outGrad.pointer(T.self), x = data.pointer(T.self), w = weight.pointer(T.self)
        let dx = dData.pointer(T.self), dw = dWeight.pointer(T.self)
        let fg = p.gridChannelsPerGroup, rows = p.groupRows, size = p.gridSize
        dx.update(repeating: 0, count: dData.count)
        dw.update(repeating: 0, count: dWeight.count)
        // Small problems split the batch across the cores, each worker summing its items' weight gradients into
        // its own buffer (the first into dWeight), added up at the end; large ones leave the cores to OpenBLAS.
        let colCount = g.isIdentity ? 1 : g.columnRows * size
        let workers = p.batch > 1 && p.gridChannels * rows * size < 1 << 22 ? min(p.batch, coreCount) : 1
        let partial = (1..<max(workers, 1)).map { _ -> UnsafeMutablePointer<T> in
            let b = UnsafeMutablePointer<T>.allocate(capacity: dWeight.count)
            b.initialize(repeating: 0, count: dWeight.count)
            return b
        }
        defer { for b in partial { b.deallocate() } }
        parallelFor(workers, cost: 1 << 30) { lo, hi in
            for worker in lo..<hi {
                let acc = worker == 0 ? dw : partial[worker - 1]
                let scratch = UnsafeMutablePointer<T>.allocate(capacity: max(colCount, 1))
                defer { scratch.deallocate() }
                var n = worker
                while n < p.batch {
                    let image = x + n * p.imageItem, dyn = dy + n * p.gridItem
                    let col: UnsafePointer<T>
                    if g.isIdentity { col = UnsafePointer(image) } else { g.im2col(image, scratch); col = UnsafePointer(scratch) }
                    for grp in 0..<p.groups {
                        GEMM.run(m: fg, n: rows, k: size, dyn + grp * fg * size, MatrixOperand(ld: size),
                                 col + grp * rows * size, MatrixOperand(trans: true, ld: size), beta: 1,
                                 acc + grp * p.weightGroup, ldc: rows)
                    }
                    let dcol = g.isIdentity ? dx + n * p.imageItem : scratch
                    for grp in 0..<p.groups {
                        GEMM.run(m: rows, n: size, k: fg, w + grp * p.weightGroup, MatrixOperand(trans: true, ld: rows),
                                 dyn + grp * fg * size, MatrixOperand(ld: size), dcol + grp * rows * size, ldc: size)
                    }
                    if !g.isIdentity { g.col2im(UnsafePointer(scratch), dx + n * p.imageItem) }
                    n += workers
                }
            }
        }
        for b in partial { for i in 0..<dWeight.count { dw[i] += b[i] } }
        if let dBias {
            ConvPlan.biasGradient(dy, batch: p.batch, channels: p.gridChannels, size: size, dBias.pointer(T.self))
        }
    }
}

/// `Deconvolution` forward: GEMM with the weight transposed into columns, then col2im into the output image.
struct DeconvolutionForward: FloatVisitor {
    let plan: ConvPlan
    let data: TensorRef, weight: TensorRef, bias: TensorRef?, out: TensorRef

    func float<T: KernelFloat>(_: T.Type) {
        let p = plan, g = p.geometry
        let x = data.pointer(T.self), w = weight.pointer(T.self), o = out.pointer(T.self)
        let cg = p.gridChannelsPerGroup, rows = p.groupRows, size = p.gridSize
        o.update(repeating: 0, count: out.count)
        p.forEachItem(T.self) { n, scratch in
            let dcol = g.isIdentity ? o + n * p.imageItem : scratch
            for grp in 0..<p.groups {
                GEMM.run(m: rows, n: size, k: cg, w + grp * p.weightGroup, MatrixOperand(trans: true, ld: rows),
                         x + n * p.gridItem + grp * cg * size, MatrixOperand(ld: size), dcol + grp * rows * size, ldc: size)
            }
            if !g.isIdentity { g.col2im(UnsafePointer(scratch), o + n * p.imageItem) }
        }
        if let bias { p.addBias(o, bias.pointer(T.self), channels: g.channels, size: g.imageSize) }
    }
}

/// `Deconvolution` backward: im2col of the output gradient, then GEMMs for the data and weight gradients.
struct DeconvolutionBackward: FloatVisitor {
    let plan: ConvPlan
    let outGrad: TensorRef, data: TensorRef, weight: TensorRef
    let dData: TensorRef, dWeight: TensorRef, dBias: TensorRef?

    func float<T: KernelFloat>(_: T.Type) {
        let p = plan, g = p.geometry
        let dy = outGrad.pointer(T.self), x = data.pointer(T.self), w = weight.pointer(T.self)
        let dx = dData.pointer(T.self), dw = dWeight.pointer(T.self)
        let cg = p.gridChannelsPerGroup, rows = p.groupRows, size = p.gridSize
        dw.update(repeating: 0, count: dWeight.count)
        p.forEachItem(T.self, parallel: false) { n, scratch in
            let image = dy + n * p.imageItem
            let col: UnsafePointer<T>
            if g.isIdentity { col = UnsafePointer(image) } else { g.im2col(image, scratch); col = UnsafePointer(scratch) }
            for grp in 0..<p.groups {
                let colG = col + grp * rows * size
                GEMM.run(m: cg, n: size, k: rows, w + grp * p.weightGroup, MatrixOperand(ld: rows), colG,
                         MatrixOperand(ld: size), dx + n * p.gridItem + grp * cg * size, ldc: size)
                GEMM.run(m: cg, n: rows, k: size, x + n * p.gridItem + grp * cg * size, MatrixOperand(ld: size), colG,
                         MatrixOperand(trans: true, ld: size), beta: 1, dw + grp * p.weightGroup, ldc: rows)
            }
        }
        if let dBias {
            ConvPlan.biasGradient(dy, batch: p.batch, channels: g.channels, size: g.imageSize, dBias.pointer(T.self))
        }
    }
}
