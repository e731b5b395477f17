/// Copies `src` into `dst` element by element, converting dtypes with C cast semantics.
func convertElements(_ src: TensorRef, _ dst: TensorRef) {
    let n = Shape.count(src.shape)
    if n == 0 { return }
    if src.dtype == dst.dtype {
        dst.data.copyMemory(from: src.data, byteCount: n * src.dtype.size)
        return
    }
    src.dtype.visit(ConvertSource(src: src.data, dst: dst.data, dstType: dst.dtype, count: n))
}

private struct ConvertSource: ElementVisitor {
    let src: UnsafeMutableRawPointer, dst: UnsafeMutableRawPointer, dstType: DType, count: Int
    func visit<S: Element>(_: S.Type) {
        dstType.visit(ConvertPair<S>(src: src.assumingMemoryBound(to: S.self), dst: dst, count: count))
    }
}

private struct ConvertPair<S: Element>: ElementVisitor {
    let src: UnsafeMutablePointer<S>, dst: UnsafeMutableRawPointer, count: Int
    func visit<D: Element>(_: D.Type) {
        let d = dst.assumingMemoryBound(to: D.self)
        let s = src
        let viaInteger = !S.dtype.isFloatingPoint && !D.dtype.isFloatingPoint
        parallelFor(count) { lo, hi in
            if viaInteger {
                for i in lo..<hi { d[i] = D(fromInt64: s[i].int64Value) }
            } else {
                for i in lo..<hi { d[i] = D(fromDouble: s[i].doubleValue) }
            }
        }
    }
}
