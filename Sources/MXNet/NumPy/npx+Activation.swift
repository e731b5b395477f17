/// Activations, softmaxes and dropout: one forward per registry operator (see `Ops+Activation.swift`,
/// `Ops+Softmax.swift`, `Ops+Dropout.swift`).
extension npx {
    /// An activation by name (`relu`, `sigmoid`, `tanh`, `softrelu`, `softsign`, `log_sigmoid`, `mish`).
    ///
    /// ```swift
    /// let y = try npx.activation(x, actType: .softrelu)
    /// ```
    /// - Throws: ``MXNetError`` for integer data.
    public static func activation(_ x: NDArray, actType: ActivationParams.ActType) throws -> NDArray {
        try Imperative.call(Ops.activation, [x], ActivationParams(actType))
    }

    /// Leaky ReLU and relatives: `leaky`, `prelu` (learned `gamma`), `rrelu` (random slope in training), `elu`,
    /// `selu`, `gelu`/`gelu_erf`, `gelu_tanh`.
    ///
    /// ```swift
    /// let y = try npx.leakyRelu(x, actType: .leaky, slope: 0.1)
    /// let p = try npx.leakyRelu(x, gamma: alpha, actType: .prelu)
    /// ```
    /// - Throws: ``MXNetError`` when `prelu` has no gamma or gamma cannot broadcast to the data.
    public static func leakyRelu(_ x: NDArray, gamma: NDArray? = nil, actType: LeakyReLUParams.ActType = .leaky,
                                 slope: Double = 0.25, lowerBound: Double = 0.125,
                                 upperBound: Double = 0.334) throws -> NDArray {
        let p = LeakyReLUParams(actType, slope: slope, lowerBound: lowerBound, upperBound: upperBound)
        guard actType != .prelu || gamma != nil else { throw MXNetError("LeakyReLU: act_type 'prelu' needs gamma") }
        return try Imperative.call(Ops.leakyReLU, actType == .prelu ? [x, gamma!] : [x], p)
    }

    /// Softmax along `axis` of `x / temperature`; with `length`, only the first `length` entries of each row count.
    ///
    /// ```swift
    /// let p = try npx.softmax(logits, axis: -1)
    /// ```
    /// - Throws: ``MXNetError`` for a bad axis, integer data, or a `length` of the wrong shape or dtype.
    public static func softmax(_ x: NDArray, length: NDArray? = nil, axis: Int = -1, temperature: Double? = nil,
                               dtype: DType? = nil) throws -> NDArray {
        let p = SoftmaxParams(axis: axis, temperature: temperature, dtype: dtype, useLength: length != nil)
        return try Imperative.call(Ops.softmax, length.map { [x, $0] } ?? [x], p)
    }

    /// Log-softmax along `axis` (see ``softmax(_:length:axis:temperature:dtype:)``).
    ///
    /// ```swift
    /// let logp = try npx.logSoftmax(logits)
    /// ```
    /// - Throws: ``MXNetError`` for a bad axis or integer data.
    public static func logSoftmax(_ x: NDArray, length: NDArray? = nil, axis: Int = -1, temperature: Double? = nil,
                                  dtype: DType? = nil) throws -> NDArray {
        let p = SoftmaxParams(axis: axis, temperature: temperature, dtype: dtype, useLength: length != nil)
        return try Imperative.call(Ops.logSoftmax, length.map { [x, $0] } ?? [x], p)
    }

    /// Softmax of `-x` along `axis`.
    ///
    /// ```swift
    /// let p = try npx.softmin(distances)
    /// ```
    /// - Throws: ``MXNetError`` for a bad axis or integer data.
    public static func softmin(_ x: NDArray, axis: Int = -1, temperature: Double? = nil,
                               dtype: DType? = nil) throws -> NDArray {
        try Imperative.call(Ops.softmin, [x], SoftmaxParams(axis: axis, temperature: temperature, dtype: dtype))
    }

    /// Softmax along `axis` over the elements where `mask` (broadcast to `x`) is true; the others give 0.
    ///
    /// ```swift
    /// let attention = try npx.maskedSoftmax(scores, mask: valid)
    /// ```
    /// - Throws: ``MXNetError`` when the mask cannot broadcast to `x`.
    public static func maskedSoftmax(_ x: NDArray, mask: NDArray, axis: Int = -1, temperature: Double? = nil,
                                     normalize: Bool = true) throws -> NDArray {
        try Imperative.call(Ops.maskedSoftmax, [x, mask],
                            MaskedSoftmaxParams(axis: axis, temperature: temperature, normalize: normalize))
    }

    /// Log-softmax over the elements where `mask` is true; the others give -inf.
    ///
    /// ```swift
    /// let logp = try npx.maskedLogSoftmax(scores, mask: valid)
    /// ```
    /// - Throws: ``MXNetError`` when the mask cannot broadcast to `x`.
    public static func maskedLogSoftmax(_ x: NDArray, mask: NDArray, axis: Int = -1, temperature: Double? = nil,
                                        normalize: Bool = true) throws -> NDArray {
        try Imperative.call(Ops.maskedLogSoftmax, [x, mask],
                            MaskedSoftmaxParams(axis: axis, temperature: temperature, normalize: normalize))
    }

    /// Inverted dropout: in training (or with `mode: .always`) elements are zeroed with probability `p` and the rest
    /// scaled by `1 / (1 - p)`; `axes` share one mask value across those axes. Identity in inference.
    ///
    /// ```swift
    /// let y = try autograd.record { try npx.dropout(x, p: 0.3) }
    /// ```
    /// - Throws: ``MXNetError`` for `p` outside [0, 1] or a bad axis.
    public static func dropout(_ x: NDArray, p: Double = 0.5, mode: DropoutParams.Mode = .training,
                               axes: [Int] = []) throws -> NDArray {
        try Imperative.call(Ops.dropoutOp, [x], DropoutParams(p: p, mode: mode, axes: axes))
    }
}
