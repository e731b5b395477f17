/// Nearest-neighbour upsampling of one NCHW input into channels `channelOffset...` of an NCHW output whose
/// height and width are `scale` times the input's (`UpSampling` with `sample_type=nearest`).
/// With `accumulate`, the values are added (`multi_input_mode=sum` after the first input).
struct NearestUpsampleKernel: FloatVisitor {
    let input: TensorRef, out: TensorRef, scale: Int, channelOffset: Int, accumulate: Bool

    func float<T: KernelFloat>(_: T.Type) {
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (oc, oh, ow) = (out.shape[1], out.shape[2], out.shape[3])
        let x = input.pointer(T.self), o = out.pointer(T.self), s = scale, add = accumulate, off = channelOffset
        parallelFor(n * c, cost: oh * ow) { lo, hi in
            for plane in lo..<hi {
                let src = x + plane * h * w
                let dst = o + ((plane / c) * oc + off + plane % c) * oh * ow
                for y in 0..<oh {
                    let row = src + (y / s) * w, orow = dst + y * ow
                    if add {
                        for i in 0..<ow { orow[i] += row[i / s] }
                    } else {
                        for i in 0..<ow { orow[i] = row[i / s] }
                    }
                }
            }
        }
    }
}

/// The adjoint of ``NearestUpsampleKernel``: each input gradient element sums its `scale × scale` block of the
/// output gradient (channels `channelOffset...`).
struct NearestUpsampleBackwardKernel: FloatVisitor {
    let outGrad: TensorRef, inGrad: TensorRef, scale: Int, channelOffset: Int

    func float<T: KernelFloat>(_: T.Type) {
        let (n, c, h, w) = (inGrad.shape[0], inGrad.shape[1], inGrad.shape[2], inGrad.shape[3])
        let (oc, oh, ow) = (outGrad.shape[1], outGrad.shape[2], outGrad.shape[3])
        let g = outGrad.pointer(T.self), d = inGrad.pointer(T.self), s = scale, off = channelOffset
        parallelFor(n * c, cost: oh * ow) { lo, hi in
            for plane in lo..<hi {
                let dst = d + plane * h * w
                let src = g + ((plane / c) * oc + off + plane % c) * oh * ow
                for i in 0..<(h * w) { dst[i] = 0 }
                for y in 0..<min(oh, h * s) {
                    let row = src + y * ow, drow = dst + (y / s) * w
                    for i in 0..<min(ow, w * s) { drow[i / s] += row[i] }
                }
            }
        }
    }
}

/// Source positions of bilinear resizing along one axis, computed in float32 as MXNet 1.9.1 does: for output
/// index `i`, the lower source index, whether a next index exists, and the weight of the next one.
struct BilinearAxis {
    let index: [Int], step: [Int], weight: [Float]

    init(input: Int, output: Int, alignCorners: Bool) {
        let scale: Float = output > 1 ? (alignCorners ? Float(input - 1) / Float(output - 1) : Float(input) / Float(output)) : 0
        var index: [Int] = [], step: [Int] = [], weight: [Float] = []
        for i in 0..<output {
            var r: Float
            if input == output {
                r = Float(i)
            } else if alignCorners {
                r = scale * Float(i)
            } else {
                r = scale * (Float(i) + 0.5) - 0.5
                if r < 0 { r = 0 }
            }
            let lo = Int(r)
            index.append(lo)
            step.append(lo < input - 1 ? 1 : 0)
            weight.append(r - Float(lo))
        }
        self.index = index; self.step = step; self.weight = weight
    }
}

/// Bilinear resizing of NCHW planes (`_contrib_BilinearResize2D`).
struct BilinearResizeKernel: FloatVisitor {
    let input: TensorRef, out: TensorRef, alignCorners: Bool

    func float<T: KernelFloat>(_: T.Type) {
        let (h, w, oh, ow) = (input.shape[2], input.shape[3], out.shape[2], out.shape[3])
        let planes = input.shape[0] * input.shape[1]
        let ys = BilinearAxis(input: h, output: oh, alignCorners: alignCorners)
        let xs = BilinearAxis(input: w, output: ow, alignCorners: alignCorners)
        let x = input.pointer(T.self), o = out.pointer(T.self)
        parallelFor(planes, cost: oh * ow * 4) { lo, hi in
            for plane in lo..<hi {
                let src = x + plane * h * w, dst = o + plane * oh * ow
                for oy in 0..<oh {
                    let h1 = T(ys.weight[oy]), h0 = 1 - h1
                    let r0 = src + ys.index[oy] * w, r1 = r0 + ys.step[oy] * w
                    for ox in 0..<ow {
                        let w1 = T(xs.weight[ox]), w0 = 1 - w1
                        let a = xs.index[ox], b = a + xs.step[ox]
                        dst[oy * ow + ox] = h0 * (w0 * r0[a] + w1 * r0[b]) + h1 * (w0 * r1[a] + w1 * r1[b])
                    }
                }
            }
        }
    }
}

/// The adjoint of ``BilinearResizeKernel``: scatters each output gradient to its four source positions.
struct BilinearResizeBackwardKernel: FloatVisitor {
    let outGrad: TensorRef, inGrad: TensorRef, alignCorners: Bool

    func float<T: KernelFloat>(_: T.Type) {
        let (h, w, oh, ow) = (inGrad.shape[2], inGrad.shape[3], outGrad.shape[2], outGrad.shape[3])
        let planes = inGrad.shape[0] * inGrad.shape[1]
        let ys = BilinearAxis(input: h, output: oh, alignCorners: alignCorners)
        let xs = BilinearAxis(input: w, output: ow, alignCorners: alignCorners)
        let g = outGrad.pointer(T.self), d = inGrad.pointer(T.self)
        parallelFor(planes, cost: oh * ow * 4) { lo, hi in
            for plane in lo..<hi {
                let src = g + plane * oh * ow, dst = d + plane * h * w
                for i in 0..<(h * w) { dst[i] = 0 }
                for oy in 0..<oh {
                    let h1 = T(ys.weight[oy]), h0 = 1 - h1
                    let r0 = dst + ys.index[oy] * w, r1 = r0 + ys.step[oy] * w
                    for ox in 0..<ow {
                        let w1 = T(xs.weight[ox]), w0 = 1 - w1
                        let a = xs.index[ox], b = a + xs.step[ox], v = src[oy * ow + ox]
                        r0[a] += h0 * w0 * v
                        r0[b] += h0 * w1 * v
                        r1[a] += h1 * w0 * v
                        r1[b] += h1 * w1 * v
                    }
                }
            }
        }
    }
}
