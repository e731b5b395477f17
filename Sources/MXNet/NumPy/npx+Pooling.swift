/// Pooling layers (channels-first layouts: NCW, NCHW, NCDHW).
extension npx {
    /// Max, average, sum or Lp pooling over 1-3 spatial axes — MXNet's `Pooling`.
    ///
    /// ```swift
    /// let y = try npx.pooling(x, kernel: [2, 2], stride: [2, 2])                  // max pooling
    /// let g = try npx.pooling(x, poolType: .avg, globalPool: true)               // global average
    /// ```
    /// - Parameters:
    ///   - poolingConvention: `.valid` floors the output size, `.full` ceils it (windows may hang past the edge).
    ///   - pValue: the p of Lp pooling (1, 2 or 3).
    ///   - countIncludePad: whether average pooling divides by padded elements too (default true).
    /// - Throws: ``MXNetError`` for a kernel larger than the padded input or a rank mismatch.
    public static func pooling(_ data: NDArray, kernel: [Int] = [], poolType: PoolingParams.PoolType = .max,
                               globalPool: Bool = false, stride: [Int] = [], pad: [Int] = [],
                               poolingConvention: PoolingParams.Convention = .valid, pValue: Int? = nil,
                               countIncludePad: Bool? = nil) throws -> NDArray {
        try Imperative.call(Ops.pooling, [data],
                            PoolingParams(kernel: kernel, poolType: poolType, globalPool: globalPool, stride: stride,
                                          pad: pad, poolingConvention: poolingConvention, pValue: pValue,
                                          countIncludePad: countIncludePad))
    }
}
