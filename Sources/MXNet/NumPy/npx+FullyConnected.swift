/// Dense layers and batched matrix products.
extension npx {
    /// `data · weightᵀ + bias` (MXNet's `FullyConnected`). With `flatten` every axis after the first is an input
    /// feature; without it only the last axis is.
    ///
    /// ```swift
    /// let y = try npx.fullyConnected(x, weight: w, bias: b, numHidden: 10)  // x (N, 20), w (10, 20) → (N, 10)
    /// ```
    /// - Parameter bias: nil for no bias (`no_bias=True`).
    /// - Throws: ``MXNetError`` when the weight or bias shape does not fit.
    public static func fullyConnected(_ data: NDArray, weight: NDArray, bias: NDArray? = nil, numHidden: Int,
                                      flatten: Bool = true) throws -> NDArray {
        try Imperative.call(Ops.fullyConnected, [data, weight] + (bias.map { [$0] } ?? []),
                            FullyConnectedParams(numHidden: numHidden, noBias: bias == nil, flatten: flatten))
    }

    /// Matrix products of matching batches: `(B..., M, K) × (B..., K, N) → (B..., M, N)` (MXNet's `batch_dot`).
    ///
    /// ```swift
    /// let c = try npx.batchDot(np.ones([8, 2, 3]), np.ones([8, 3, 4]))  // shape (8, 2, 4)
    /// ```
    /// - Throws: ``MXNetError`` for fewer than 3 dimensions or mismatched batches.
    public static func batchDot(_ a: NDArray, _ b: NDArray, transposeA: Bool = false,
                                transposeB: Bool = false) throws -> NDArray {
        try Imperative.call(Ops.batchDot, [a, b], DotParams(transposeA: transposeA, transposeB: transposeB))
    }
}
