/// Convolution layers (channels-first layouts: NCW, NCHW, NCDHW).
extension npx {
    /// 1-3-d convolution of `data` (batch, channels, spatial...) with `weight` (num_filter, channels / num_group,
    /// kernel...) and an optional `bias` (num_filter) — MXNet's `Convolution`.
    ///
    /// ```swift
    /// let y = try npx.convolution(x, weight: w, bias: b, kernel: [3, 3], numFilter: 64, pad: [1, 1])
    /// ```
    /// - Parameters:
    ///   - stride, dilate, pad: per spatial axis; empty means 1, 1 and 0.
    ///   - bias: nil for no bias (`no_bias=True`).
    /// - Throws: ``MXNetError`` for mismatched shapes, groups or a kernel larger than the padded input.
    public static func convolution(_ data: NDArray, weight: NDArray, bias: NDArray? = nil, kernel: [Int],
                                   numFilter: Int, stride: [Int] = [], dilate: [Int] = [], pad: [Int] = [],
                                   numGroup: Int = 1) throws -> NDArray {
        try Imperative.call(Ops.convolution, [data, weight] + (bias.map { [$0] } ?? []),
                            ConvolutionParams(kernel: kernel, numFilter: numFilter, stride: stride, dilate: dilate,
                                              pad: pad, numGroup: numGroup, noBias: bias == nil))
    }

    /// Transposed convolution of `data` (batch, channels, spatial...) with `weight` (channels,
    /// num_filter / num_group, kernel...) — MXNet's `Deconvolution`.
    ///
    /// ```swift
    /// let up = try npx.deconvolution(x, weight: w, kernel: [4, 4], numFilter: 32, stride: [2, 2], pad: [1, 1])
    /// ```
    /// - Parameters:
    ///   - adj: extra output size per axis (smaller than the stride).
    ///   - targetShape: the output's spatial shape; overrides `pad` and `adj` when given.
    ///   - bias: nil for no bias (MXNet's default for deconvolution).
    /// - Throws: ``MXNetError`` for mismatched shapes or an impossible target shape.
    public static func deconvolution(_ data: NDArray, weight: NDArray, bias: NDArray? = nil, kernel: [Int],
                                     numFilter: Int, stride: [Int] = [], dilate: [Int] = [], pad: [Int] = [],
                                     adj: [Int] = [], targetShape: [Int] = [], numGroup: Int = 1) throws -> NDArray {
        try Imperative.call(Ops.deconvolution, [data, weight] + (bias.map { [$0] } ?? []),
                            DeconvolutionParams(kernel: kernel, numFilter: numFilter, stride: stride, dilate: dilate,
                                                pad: pad, adj: adj, targetShape: targetShape, numGroup: numGroup,
                                                noBias: bias == nil))
    }
}
