extension nn {
    /// 1-3-d convolution or transposed convolution over channels-first data (MXNet 2.0's `_Conv`); ``Conv1D``,
    /// ``Conv2D``, ``Conv3D`` and the ``Conv1DTranspose`` family fix the number of spatial axes. Parameters:
    /// `weight` — (channels, in_channels / groups, kernel...) for a convolution, (in_channels, channels / groups,
    /// kernel...) for a transposed one — and `bias` (channels); `inChannels` 0 infers it from the first input.
    /// Only channels-first layouts (NCW, NCHW, NCDHW) are supported.
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
        /// Extra output size per spatial axis of a transposed convolution (MXNet's `adj`); nil for a convolution.
        public let outputPadding: [Int]?
        /// The number of spatial axes (1, 2 or 3).
        let spatialAxes: Int

        init(dims: Int, channels: Int, kernelSize: [Int], strides: [Int], padding: [Int], dilation: [Int], groups: Int,
             activation: ActivationParams.ActType?, useBias: Bool, dtype: DType, weightInitializer: Initializer?,
             biasInitializer: Initializer?, inChannels: Int, outputPadding: [Int]? = nil) {
            self.channels = channels
            self.spatialAxes = dims
            self.kernelSize = nn.expand(kernelSize, dims)
            self.strides = nn.expand(strides, dims)
            self.padding = nn.expand(padding, dims)
            self.dilation = nn.expand(dilation, dims)
            self.groups = groups
            self.outputPadding = outputPadding.map { nn.expand($0, dims) }
            let g = max(groups, 1)
            let shape = outputPadding == nil ? [channels, inChannels > 0 ? inChannels / g : 0]
                                             : [inChannels, channels / g]
            weight = Parameter("weight", shape: shape + self.kernelSize, dtype: dtype, initializer: weightInitializer)
            bias = useBias ? Parameter("bias", shape: [channels], dtype: dtype, initializer: biasInitializer ?? nn.zeros) : nil
            act = activation.map { Activation($0) }
            super.init()
        }

        /// Checks the input rank and the group structure, naming the layer.
        func validate(_ x: NDArray) throws {
            let name = type(of: self)
            for (label, value) in [("kernelSize", kernelSize), ("strides", strides), ("padding", padding),
                                   ("dilation", dilation), ("outputPadding", outputPadding ?? [])]
                where !value.isEmpty && value.count != spatialAxes {
                throw MXNetError("\(name): \(label) must have 1 or \(spatialAxes) entries, got \(value.count)")
            }
            try nn.checkChannelsFirst(x, spatialAxes: spatialAxes, self)
            guard groups > 0 else { throw MXNetError("\(name): groups must be positive, got \(groups)") }
            guard x.shape[1] % groups == 0 else {
                throw MXNetError("\(name): \(x.shape[1]) input channels are not divisible by groups=\(groups)")
            }
            guard channels % groups == 0 else {
                throw MXNetError("\(name): channels=\(channels) is not divisible by groups=\(groups)")
            }
        }

        public override func inferShape(_ inputs: [NDArray]) throws {
            guard let x = inputs.first else { throw MXNetError("\(type(of: self)) takes one input") }
            try validate(x)
            try weight.setShape((outputPadding == nil ? [channels, x.shape[1] / groups] : [x.shape[1], channels / groups])
                                + kernelSize)
        }

        public override func forward(_ x: NDArray) throws -> NDArray {
            try validate(x)
            let y: NDArray
            if let adj = outputPadding {
                y = try npx.deconvolution(x, weight: weight.data(), bias: bias?.data(), kernel: kernelSize,
                                          numFilter: channels, stride: strides, dilate: dilation, pad: padding,
                                          adj: adj, numGroup: groups)
            } else {
                y = try npx.convolution(x, weight: weight.data(), bias: bias?.data(), kernel: kernelSize,
                                        numFilter: channels, stride: strides, dilate: dilation, pad: padding,
                                        numGroup: groups)
            }
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
