/// Normalisation layers: one forward per registry operator (see `Ops+Normalization.swift`).
extension npx {
    /// Batch normalisation over axis `axis`: batch statistics in training (updating `runningMean` and
    /// `runningVar` in place with `momentum`), the running statistics otherwise.
    ///
    /// ```swift
    /// let y = try autograd.record { try npx.batchNorm(x, gamma: g, beta: b, runningMean: m, runningVar: v) }
    /// ```
    /// - Parameters:
    ///   - fixGamma: treat gamma as 1 (MXNet's default).
    ///   - useGlobalStats: use the running statistics even in training.
    /// - Throws: ``MXNetError`` for a bad axis, parameter shapes that do not match the channel count, or integer data.
    public static func batchNorm(_ x: NDArray, gamma: NDArray, beta: NDArray, runningMean: NDArray, runningVar: NDArray,
                                 eps: Double = 1e-3, momentum: Double = 0.9, fixGamma: Bool = true,
                                 useGlobalStats: Bool = false, axis: Int = 1) throws -> NDArray {
        var p = BatchNormParams()
        (p.eps, p.momentum, p.fixGamma, p.useGlobalStats, p.axis) = (eps, momentum, fixGamma, useGlobalStats, axis)
        return try Imperative.call(Ops.batchNorm, [x, gamma, beta, runningMean, runningVar], p)
    }

    /// Layer normalisation along `axis`: `(x - mean) / sqrt(var + eps) * gamma + beta`.
    ///
    /// ```swift
    /// let y = try npx.layerNorm(x, gamma: np.ones([4]), beta: np.zeros([4]))   // x: (2, 3, 4)
    /// ```
    /// - Throws: ``MXNetError`` for a bad axis or parameter shapes other than `(x.shape[axis],)`.
    public static func layerNorm(_ x: NDArray, gamma: NDArray, beta: NDArray, axis: Int = -1,
                                 eps: Double = 1e-5) throws -> NDArray {
        var p = LayerNormParams()
        (p.axis, p.eps) = (axis, eps)
        return try Imperative.call(Ops.layerNorm, [x, gamma, beta], p)
    }

    /// Group normalisation of `(N, C, ...)` data in `numGroups` channel groups; gamma and beta hold one value per
    /// group (MXNet 1.x) or per channel (MXNet 2.0).
    ///
    /// ```swift
    /// let y = try npx.groupNorm(x, gamma: np.ones([2]), beta: np.zeros([2]), numGroups: 2)   // x: (2, 4, 3)
    /// ```
    /// - Throws: ``MXNetError`` when C is not divisible by `numGroups` or the parameter shapes do not fit.
    public static func groupNorm(_ x: NDArray, gamma: NDArray, beta: NDArray, numGroups: Int = 1,
                                 eps: Double = 1e-5) throws -> NDArray {
        var p = GroupNormParams()
        (p.numGroups, p.eps) = (numGroups, eps)
        return try Imperative.call(Ops.groupNorm, [x, gamma, beta], p)
    }

    /// Instance normalisation of `(N, C, ...)` data: each `(n, c)` slice by its own statistics.
    ///
    /// ```swift
    /// let y = try npx.instanceNorm(x, gamma: np.ones([3]), beta: np.zeros([3]))   // x: (2, 3, 4)
    /// ```
    /// - Throws: ``MXNetError`` for data with fewer than 2 dimensions or parameters other than `(C,)`.
    public static func instanceNorm(_ x: NDArray, gamma: NDArray, beta: NDArray, eps: Double = 1e-3) throws -> NDArray {
        var p = InstanceNormParams()
        p.eps = eps
        return try Imperative.call(Ops.instanceNorm, [x, gamma, beta], p)
    }

    /// `x / sqrt(sum(x^2) + eps)` per instance, per channel vector, or per spatial map.
    ///
    /// ```swift
    /// let y = try npx.l2Normalization(x, mode: .channel)   // x: (N, C, H, W)
    /// ```
    /// - Throws: ``MXNetError`` when `channel` or `spatial` mode gets data with fewer than 3 dimensions.
    public static func l2Normalization(_ x: NDArray, mode: L2NormalizationParams.Mode = .instance,
                                       eps: Double = 1e-10) throws -> NDArray {
        var p = L2NormalizationParams()
        (p.mode, p.eps) = (mode, eps)
        return try Imperative.call(Ops.l2Normalization, [x], p)
    }
}
