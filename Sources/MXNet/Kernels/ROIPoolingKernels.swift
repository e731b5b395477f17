/// Max pooling of each region of interest `[batch, x1, y1, x2, y2]` (scaled by `spatialScale` and rounded)
/// into a fixed grid, as MXNet 1.x `ROIPooling` does: bins split the region by floor/ceil, empty bins and
/// regions naming a batch outside the data give 0 and index -1. `maxIndex` receives each maximum's flat
/// index into `data` (int64).
struct ROIPoolingForwardKernel: FloatVisitor {
    let data: TensorRef, rois: TensorRef, out: TensorRef, maxIndex: TensorRef, spatialScale: Double

    func float<T: KernelFloat>(_: T.Type) {
        let (batch, channels, height, width) = (data.shape[0], data.shape[1], data.shape[2], data.shape[3])
        let (count, pooledH, pooledW) = (rois.shape[0], out.shape[2], out.shape[3])
        let x = data.pointer(T.self), r = rois.pointer(T.self), o = out.pointer(T.self)
        let idx = maxIndex.pointer(Int64.self)
        let scale = T(Float(spatialScale)), lowest = T(-Float.greatestFiniteMagnitude)
        parallelFor(count * channels, cost: pooledH * pooledW * 4) { lo, hi in
            for job in lo..<hi {
                let n = job / channels, c = job % channels
                let roi = r + n * 5
                func scaled(_ v: T) -> Int {
                    let s = (v * scale).rounded(.toNearestOrAwayFromZero)
                    return s.isFinite ? Int(max(min(s, T(1 << 40)), T(-(1 << 40)))) : 0
                }
                let startW = scaled(roi[1]), startH = scaled(roi[2]), endW = scaled(roi[3]), endH = scaled(roi[4])
                let b = roi[0].isFinite ? Int(max(min(roi[0], T(1 << 40)), T(-(1 << 40)))) : -1
                let invalid = b < 0 || b >= batch
                let binH = T(max(endH - startH + 1, 1)) / T(pooledH)
                let binW = T(max(endW - startW + 1, 1)) / T(pooledW)
                let planeOffset = ((invalid ? 0 : b) * channels + c) * height * width
                let plane = x + planeOffset
                let dst = o + job * pooledH * pooledW, dstIdx = idx + job * pooledH * pooledW
                for ph in 0..<pooledH {
                    let hs = min(max(Int((T(ph) * binH).rounded(.down)) + startH, 0), height)
                    let he = min(max(Int((T(ph + 1) * binH).rounded(.up)) + startH, 0), height)
                    for pw in 0..<pooledW {
                        let ws = min(max(Int((T(pw) * binW).rounded(.down)) + startW, 0), width)
                        let we = min(max(Int((T(pw + 1) * binW).rounded(.up)) + startW, 0), width)
                        let k = ph * pooledW + pw
                        if invalid || he <= hs || we <= ws {
                            dst[k] = 0; dstIdx[k] = -1
                            continue
                        }
                        var best = lowest, at = -1
                        for h in hs..<he {
                            for w in ws..<we where plane[h * width + w] > best {
                                best = plane[h * width + w]; at = planeOffset + h * width + w
                            }
                        }
                        dst[k] = best; dstIdx[k] = Int64(at)
                    }
                }
            }
        }
    }
}

/// The gradient of ``ROIPoolingForwardKernel`` for `data`: each output gradient goes to its maximum's position.
struct ROIPoolingBackwardKernel: FloatVisitor {
    let outGrad: TensorRef, maxIndex: TensorRef, dData: TensorRef

    func float<T: KernelFloat>(_: T.Type) {
        let g = outGrad.pointer(T.self), idx = maxIndex.pointer(Int64.self), d = dData.pointer(T.self)
        let n = dData.count
        for i in 0..<n { d[i] = 0 }
        for i in 0..<outGrad.count {
            let k = Int(idx[i])
            if k >= 0 && k < n { d[k] += g[i] }
        }
    }
}
