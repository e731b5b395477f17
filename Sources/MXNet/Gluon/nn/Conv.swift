extension nn {
    /// 1-3-d convolution over channels-first data (MXNet 2.0's `_Conv`); ``Conv1D``, ``Conv2D`` and ``Conv3D``
    /// fix the number of spatial axes. Parameters: `weight` (channels, in_channels / groups, kernel...) and
    /// `bias` (channels); `inChannels` 0 infers it from the first input.
    ///
    /// ```swift
    /// let conv = nn.Conv2D(16, kernelSize: [3, 3], padding: [1, 1])
    /// try conv.initialize()
    /// let y = try conv(np.ones([1, 3, 8, 8]))   // (1, 16, 8, 8)
    /// ```
    public class Conv: HybridBlock {
        public let weight: Parameter
        public let bias: Parameter?
        let act: Activation?
        public let channels: Int
        public let kernelSize: [Int], strides: [Int], padding: [Int], dilation: [Int]
        public let groups: Int

        init(dims: Int, channels: Int, kernelSize: [Int], strides: [Int], padding: [Int], dilation: [Int], groups: Int,
             activation: ActivationParams.ActType?, useBias: Bool, dtype: DType, weightInitializer: Initializer?,
             biasInitializer: Initializer?, inChannels: Int) {
            self.channels = channels
            self.kernelSize = nn.expand(kernelSize, dims)
            self.strides = nn.expand(strides, dims)
            self.padding = nn.expand(padding, dims)
            self.dilation = nn.expand(dilation, dims)
            self.groups = groups
            weight = Parameter("weight", shape: [channels, inChannels > 0 ? inChannels / max(groups, 1) : 0] + self.kernelSize,
                               dtype: dtype, initializer: weightInitializer)
            bias = useBias ? Parameter("bias", shape: [channels], dtype: dtype, initializer: biasInitializer ?? nn.zeros) : nil
            act = activation.map { Activation($0) }
            super.init()
        }

        public override func inferShape(_ inputs: [NDArray]) throws {
            guard let x = inputs.first, x.ndim == kernelSize.count + 2 else {
                throw MXNetError("Conv: expected (N, C, \(kernelSize.count) spatial axes) input, got \(Shape.text(inputs.first?.shape ?? []))")
            }
            guard groups > 0, x.shape[1] % groups == 0 else {
                throw MXNetError("Conv: \(x.shape[1]) input channels are not divisible by groups=\(groups)")
            }
            try weight.setShape([channels, x.shape[1] / groups] + kernelSize)
        }

        public override func forward(_ x: NDArray) throws -> NDArray {
            let y = try npx.convolution(x, weight: weight.data(), bias: bias?.data(), kernel: kernelSize, numFilter: channels,
                                        stride: strides, dilate: dilation, pad: padding, numGroup: groups)
            return try act.map { try $0(y) } ?? y
        }
    }

    /// 1-d convolution over (N, C, W) data (MXNet 2.0's `nn.Conv1D`).
    ///
    /// ```swift
    /// let conv = nn.Conv1D(4, kernelSize: [3])
    /// ```
    public final class Conv1D: Conv {
        public init(_ channels: Int, kernelSize: [Int], strides: [Int] = [1], padding: [Int] = [0], dilation: [Int] = [1],
                    groups: Int = 1, activation: ActivationParams.ActType? = nil, useBias: Bool = true,
                    dtype: DType = .float32, weightInitializer: Initializer? = nil, biasInitializer: Initializer? = nil,
                    inChannels: Int = 0) {
            super.init(dims: 1, channels: channels, kernelSize: kernelSize, strides: strides, padding: padding,
                       dilation: dilation, groups: groups, activation: activation, useBias: useBias, dtype: dtype,
                       weightInitializer: weightInitializer, biasInitializer: biasInitializer, inChannels: inChannels)
        }
    }

    /// 2-d convolution over (N, C, H, W) data (MXNet 2.0's `nn.Conv2D`).
    ///
    /// ```swift
    /// let conv = nn.Conv2D(16, kernelSize: [3, 3], strides: [2, 2], padding: [1, 1], activation: .relu)
    /// ```
    public final class Conv2D: Conv {
        public init(_ channels: Int, kernelSize: [Int], strides: [Int] = [1], padding: [Int] = [0], dilation: [Int] = [1],
                    groups: Int = 1, activation: ActivationParams.ActType? = nil, useBias: Bool = true,
                    dtype: DType = .float32, weightInitializer: Initializer? = nil, biasInitializer: Initializer? = nil,
                    inChannels: Int = 0) {
            super.init(dims: 2, channels: channels, kernelSize: kernelSize, strides: strides, padding: padding,
                       dilation: dilation, groups: groups, activation: activation, useBias: useBias, dtype: dtype,
                       weightInitializer: weightInitializer, biasInitializer: biasInitializer, inChannels: inChannels)
        }
    }

    /// 3-d convolution over (N, C, D, H, W) data (MXNet 2.0's `nn.Conv3D`).
    ///
    /// ```swift
    /// let conv = nn.Conv3D(8, kernelSize: [3, 3, 3], padding: [1])
    /// ```
    public final class Conv3D: Conv {
        public init(_ channels: Int, kernelSize: [Int], strides: [Int] = [1], padding: [Int] = [0], dilation: [Int] = [1],
                    groups: Int = 1, activation: ActivationParams.ActType? = nil, useBias: Bool = true,
                    dtype: DType = .float32, weightInitializer: Initializer? = nil, biasInitializer: Initializer? = nil,
                    inChannels: Int = 0) {
            super.init(dims: 3, channels: channels, kernelSize: kernelSize, strides: strides, padding: padding,
                       dilation: dilation, groups: groups, activation: activation, useBias: useBias, dtype: dtype,
                       weightInitializer: weightInitializer, biasInitializer: biasInitializer, inChannels: inChannels)
        }
    }
}
