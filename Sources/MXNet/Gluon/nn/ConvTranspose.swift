extension nn {
    /// 1-d transposed convolution ("deconvolution") over (N, C, W) data (MXNet 2.0's `nn.Conv1DTranspose`):
    /// the gradient of a ``Conv1D`` with respect to its input, used to upsample. The output width is
    /// `(width - 1) · strides - 2 · padding + dilation · (kernel - 1) + 1 + outputPadding`.
    /// Parameters: `weight` (in_channels, channels / groups, kernel) and `bias` (channels).
    ///
    /// ```swift
    /// let up = nn.Conv1DTranspose(4, kernelSize: [3], strides: [2], padding: [1], outputPadding: [1])
    /// try up.initialize()
    /// let y = try up(np.ones([2, 8, 5]))   // (2, 4, 10)
    /// ```
    public final class Conv1DTranspose: Conv {
        public init(_ channels: Int, kernelSize: [Int], strides: [Int] = [1], padding: [Int] = [0],
                    outputPadding: [Int] = [0], dilation: [Int] = [1], groups: Int = 1,
                    activation: ActivationParams.ActType? = nil, useBias: Bool = true, dtype: DType = .float32,
                    weightInitializer: Initializer? = nil, biasInitializer: Initializer? = nil, inChannels: Int = 0) {
            super.init(dims: 1, channels: channels, kernelSize: kernelSize, strides: strides, padding: padding,
                       dilation: dilation, groups: groups, activation: activation, useBias: useBias, dtype: dtype,
                       weightInitializer: weightInitializer, biasInitializer: biasInitializer, inChannels: inChannels,
                       outputPadding: outputPadding)
        }
    }

    /// 2-d transposed convolution over (N, C, H, W) data (MXNet 2.0's `nn.Conv2DTranspose`); see
    /// ``Conv1DTranspose`` for the output size. Parameters: `weight` (in_channels, channels / groups, kh, kw) and
    /// `bias` (channels). MXNet 1.9.1 cannot defer `in_channels` when `groups > 1`; here it always can.
    ///
    /// ```swift
    /// let up = nn.Conv2DTranspose(16, kernelSize: [4, 4], strides: [2, 2], padding: [1, 1])
    /// try up.initialize()
    /// let y = try up(np.ones([1, 32, 7, 7]))   // (1, 16, 14, 14)
    /// ```
    public final class Conv2DTranspose: Conv {
        public init(_ channels: Int, kernelSize: [Int], strides: [Int] = [1], padding: [Int] = [0],
                    outputPadding: [Int] = [0], dilation: [Int] = [1], groups: Int = 1,
                    activation: ActivationParams.ActType? = nil, useBias: Bool = true, dtype: DType = .float32,
                    weightInitializer: Initializer? = nil, biasInitializer: Initializer? = nil, inChannels: Int = 0) {
            super.init(dims: 2, channels: channels, kernelSize: kernelSize, strides: strides, padding: padding,
                       dilation: dilation, groups: groups, activation: activation, useBias: useBias, dtype: dtype,
                       weightInitializer: weightInitializer, biasInitializer: biasInitializer, inChannels: inChannels,
                       outputPadding: outputPadding)
        }
    }

    /// 3-d transposed convolution over (N, C, D, H, W) data (MXNet 2.0's `nn.Conv3DTranspose`); see
    /// ``Conv1DTranspose`` for the output size. Parameters: `weight` (in_channels, channels / groups, kd, kh, kw)
    /// and `bias` (channels).
    ///
    /// ```swift
    /// let up = nn.Conv3DTranspose(8, kernelSize: [2, 2, 2], strides: [2])
    /// try up.initialize()
    /// let y = try up(np.ones([1, 4, 3, 3, 3]))   // (1, 8, 6, 6, 6)
    /// ```
    public final class Conv3DTranspose: Conv {
        public init(_ channels: Int, kernelSize: [Int], strides: [Int] = [1], padding: [Int] = [0],
                    outputPadding: [Int] = [0], dilation: [Int] = [1], groups: Int = 1,
                    activation: ActivationParams.ActType? = nil, useBias: Bool = true, dtype: DType = .float32,
                    weightInitializer: Initializer? = nil, biasInitializer: Initializer? = nil, inChannels: Int = 0) {
            super.init(dims: 3, channels: channels, kernelSize: kernelSize, strides: strides, padding: padding,
                       dilation: dilation, groups: groups, activation: activation, useBias: useBias, dtype: dtype,
                       weightInitializer: weightInitializer, biasInitializer: biasInitializer, inChannels: inChannels,
                       outputPadding: outputPadding)
        }
    }
}
