/// The geometry of a 1-3-d convolution window sliding over an image, spatial dimensions padded to three
/// (leading size-1 dimensions with kernel 1, stride 1, no padding).
///
/// The *image* is the padded-and-strided side (a convolution's input, a deconvolution's output); the *grid*
/// is the other side (one column per window position).
struct ConvGeometry {
    var channels: Int
    var image: [Int]
    var grid: [Int]
    var kernel: [Int]
    var stride: [Int]
    var dilate: [Int]
    var pad: [Int]

    init(channels: Int, image: [Int], grid: [Int], kernel: [Int], stride: [Int], dilate: [Int], pad: [Int]) {
        func three(_ v: [Int], _ fill: Int) -> [Int] { [Int](repeating: fill, count: 3 - v.count) + v }
        self.channels = channels
        self.image = three(image, 1); self.grid = three(grid, 1); self.kernel = three(kernel, 1)
        self.stride = three(stride, 1); self.dilate = three(dilate, 1); self.pad = three(pad, 0)
    }

    var kernelSize: Int { kernel[0] * kernel[1] * kernel[2] }
    var imageSize: Int { image[0] * image[1] * image[2] }
    var gridSize: Int { grid[0] * grid[1] * grid[2] }
    /// Rows of the column matrix: one per channel and kernel offset.
    var columnRows: Int { channels * kernelSize }

    /// Whether the column matrix equals the image (1×1 kernel, stride 1, no padding): im2col can be skipped.
    var isIdentity: Bool {
        kernel == [1, 1, 1] && stride == [1, 1, 1] && pad == [0, 0, 0] && image == grid
    }

    /// Window positions `o` in `0..<count` whose tap `o * stride + offset` lands inside `0..<limit`.
    @inline(__always)
    static func validRange(offset: Int, stride: Int, limit: Int, count: Int) -> (Int, Int) {
        let lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride
        let hi = limit - offset <= 0 ? 0 : (limit - offset + stride - 1) / stride
        let l = min(lo, count), h = min(hi, count)
        return (l, max(l, h))
    }

    /// Calls `body(row, kernelOffsets)` decoding row `r` of the column matrix into channel and kernel offsets.
    @inline(__always)
    func decode(_ r: Int) -> (c: Int, kz: Int, ky: Int, kx: Int) {
        var t = r
        let kx = t % kernel[2]; t /= kernel[2]
        let ky = t % kernel[1]; t /= kernel[1]
        let kz = t % kernel[0]
        return (t / kernel[0], kz, ky, kx)
    }

    /// Copies image patches into columns: `col[(c, kz, ky, kx), (oz, oy, ox)]`, zeros where a tap falls in the
    /// padding. Rows are split across cores.
    func im2col<T: KernelFloat>(_ img: UnsafePointer<T>, _ col: UnsafeMutablePointer<T>) {
        im2col(img, col, columns: 0..<gridSize)
    }

    /// The columns `columns` (window positions in C order) of the column matrix, into `col` with
    /// `columns.count` elements per row.
    func im2col<T: KernelFloat>(_ img: UnsafePointer<T>, _ col: UnsafeMutablePointer<T>, columns: Range<Int>) {
        if columns == 0..<gridSize && isPlanarStrideOne { return im2colPadded(img, col) }
        let (D, H, W) = (image[0], image[1], image[2]), (OH, OW) = (grid[1], grid[2])
        let (sd, sh, sw) = (stride[0], stride[1], stride[2])
        let (dd, dh, dw) = (dilate[0], dilate[1], dilate[2]), (pd, ph, pw) = (pad[0], pad[1], pad[2])
        let (kh, kw) = (kernel[1], kernel[2]), kernelSize = kernelSize, imageSize = imageSize
        let first = columns.lowerBound, end = columns.upperBound, width = columns.count
        // Grid position of the first column; later runs start at x = 0 on the next grid row.
        let x0 = first % OW, y0 = (first / OW) % OH, z0 = first / (OW * OH)
        parallelFor(columnRows, cost: width) { lo, hi in
            for r in lo..<hi {
                let c = r / kernelSize, k = r % kernelSize
                let kz = k / (kh * kw), ky = (k / kw) % kh, kx = k % kw
                let src = img + c * imageSize
                var dst = col + r * width
                let offx = kx * dw - pw
                let (xlo, xhi) = ConvGeometry.validRange(offset: offx, stride: sw, limit: W, count: OW)
                var p = first, ox0 = x0, oy = y0, oz = z0
                while p < end {
                    let count = Swift.min(OW - ox0, end - p), b = ox0 + count
                    let row = dst - ox0   // indexed by ox
                    let iz = oz * sd - pd + kz * dd, iy = oy * sh - ph + ky * dh
                    if iz < 0 || iz >= D || iy < 0 || iy >= H {
                        for ox in ox0..<b { row[ox] = 0 }
                    } else {
                        let srow = src + (iz * H + iy) * W + offx
                        let l = Swift.min(Swift.max(xlo, ox0), b), h = Swift.max(Swift.min(xhi, b), l)
                        for ox in ox0..<l { row[ox] = 0 }
                        if sw == 1 {
                            // A plain loop: rows are often short (8-56), where a memmove call costs more than the copy.
                            for ox in l..<h { row[ox] = srow[ox] }
                        } else {
                            for ox in l..<h { row[ox] = srow[ox * sw] }
                        }
                        for ox in h..<b { row[ox] = 0 }
                    }
                    dst += count; p += count
                    ox0 = 0; oy += 1
                    if oy == OH { oy = 0; oz += 1 }
                }
            }
        }
    }

    /// Adds columns back into the image (the adjoint of ``im2col(_:_:)``); `img` must be zeroed (or hold values
    /// to add to). Channels are split across cores.
    func col2im<T: KernelFloat>(_ col: UnsafePointer<T>, _ img: UnsafeMutablePointer<T>) {
        if isPlanarStrideOne { return col2imPadded(col, img) }
        let (D, H, W) = (image[0], image[1], image[2]), (OD, OH, OW) = (grid[0], grid[1], grid[2])
        let (sd, sh, sw) = (stride[0], stride[1], stride[2])
        let (dd, dh, dw) = (dilate[0], dilate[1], dilate[2]), (pd, ph, pw) = (pad[0], pad[1], pad[2])
        let g = self, k = kernelSize, imageSize = imageSize, gridSize = gridSize
        parallelFor(channels, cost: k * gridSize) { lo, hi in
            for c in lo..<hi {
                let dstImage = img + c * imageSize
                for kidx in 0..<k {
                    let r = c * k + kidx
                    let (_, kz, ky, kx) = g.decode(r)
                    let src = col + r * gridSize
                    let offx = kx * dw - pw
                    let (xlo, xhi) = ConvGeometry.validRange(offset: offx, stride: sw, limit: W, count: OW)
                    for oz in 0..<OD {
                        let iz = oz * sd - pd + kz * dd
                        if iz < 0 || iz >= D { continue }
                        for oy in 0..<OH {
                            let iy = oy * sh - ph + ky * dh
                            if iy < 0 || iy >= H { continue }
                            let row = src + (oz * OH + oy) * OW
                            let drow = dstImage + (iz * H + iy) * W + offx
                            if sw == 1 {
                                for ox in xlo..<xhi { drow[ox] += row[ox] }
                            } else {
                                for ox in xlo..<xhi { drow[ox * sw] += row[ox] }
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: - 2-d, stride 1: through a zero-padded copy of each channel

    /// A 2-d window with stride 1 (any padding and dilation): every column row is a set of plain row copies
    /// from a zero-padded copy of its channel, with no bounds logic per row — what small images (8×8 to 28×28,
    /// where rows are a few elements long) need.
    var isPlanarStrideOne: Bool {
        image[0] == 1 && grid[0] == 1 && kernel[0] == 1 && pad[0] == 0 && stride[1] == 1 && stride[2] == 1
            && grid[1] + (kernel[1] - 1) * dilate[1] <= image[1] + 2 * pad[1]
            && grid[2] + (kernel[2] - 1) * dilate[2] <= image[2] + 2 * pad[2]
    }

    /// The padded channel's geometry: (height, width, offset of the image's first element).
    private var paddedPlane: (h: Int, w: Int, origin: Int) {
        let w = image[2] + 2 * pad[2]
        return (image[1] + 2 * pad[1], w, pad[1] * w + pad[2])
    }

    /// Runs `body(channel, plane)` for every channel, split across the cores, with a zeroed padded plane per
    /// worker; `body` must leave the plane's border zero.
    private func forEachChannelPadded<T: KernelFloat>(_: T.Type, _ body: (Int, UnsafeMutablePointer<T>) -> Void) {
        let plane = paddedPlane
        parallelFor(channels, cost: kernelSize * gridSize) { lo, hi in
            let padded = UnsafeMutablePointer<T>.allocate(capacity: plane.h * plane.w)
            defer { padded.deallocate() }
            padded.initialize(repeating: 0, count: plane.h * plane.w)
            for c in lo..<hi { body(c, padded) }
        }
    }

    private func im2colPadded<T: KernelFloat>(_ img: UnsafePointer<T>, _ col: UnsafeMutablePointer<T>) {
        let (H, W, OH, OW) = (image[1], image[2], grid[1], grid[2])
        let (kh, kw, dh, dw) = (kernel[1], kernel[2], dilate[1], dilate[2])
        let plane = paddedPlane, gridSize = gridSize, imageSize = imageSize
        forEachChannelPadded(T.self) { c, padded in
            let src = img + c * imageSize
            for y in 0..<H {
                let d = padded + plane.origin + y * plane.w, s = src + y * W
                for x in 0..<W { d[x] = s[x] }
            }
            var dst = col + c * kh * kw * gridSize
            for ky in 0..<kh {
                for kx in 0..<kw {
                    for oy in 0..<OH {
                        let s = padded + (oy + ky * dh) * plane.w + kx * dw
                        for ox in 0..<OW { dst[ox] = s[ox] }
                        dst += OW
                    }
                }
            }
        }
    }

    private func col2imPadded<T: KernelFloat>(_ col: UnsafePointer<T>, _ img: UnsafeMutablePointer<T>) {
        let (H, W, OH, OW) = (image[1], image[2], grid[1], grid[2])
        let (kh, kw, dh, dw) = (kernel[1], kernel[2], dilate[1], dilate[2])
        let plane = paddedPlane, gridSize = gridSize, imageSize = imageSize
        forEachChannelPadded(T.self) { c, padded in
            var src = col + c * kh * kw * gridSize
            for ky in 0..<kh {
                for kx in 0..<kw {
                    for oy in 0..<OH {
                        let d = padded + (oy + ky * dh) * plane.w + kx * dw
                        for ox in 0..<OW { d[ox] += src[ox] }
                        src += OW
                    }
                }
            }
            let dstImage = img + c * imageSize
            for y in 0..<H {
                let s = padded + plane.origin + y * plane.w, d = dstImage + y * W
                for x in 0..<W { d[x] += s[x] }
            }
            padded.update(repeating: 0, count: plane.h * plane.w)
        }
    }
}
