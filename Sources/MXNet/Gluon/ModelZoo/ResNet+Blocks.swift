extension model_zoo.vision {
    /// A residual unit ``ResNetV1`` / ``ResNetV2`` stack into stages (MXNet passes the class as `block`).
    public protocol ResidualUnit: HybridBlock {
        /// A unit with `channels` outputs; `downsample` adds a strided 1×1 projection of the shortcut.
        init(channels: Int, stride: Int, downsample: Bool, inChannels: Int)
    }

    /// The 3×3 convolution without bias the residual units use (MXNet's `_conv3x3`).
    static func conv3x3(_ channels: Int, stride: Int, inChannels: Int) -> nn.Conv2D {
        nn.Conv2D(channels, kernelSize: [3], strides: [stride], padding: [1], useBias: false, inChannels: inChannels)
    }

    /// ResNet v1's two-convolution unit for 18 and 34 layers (MXNet's `BasicBlockV1`):
    /// `relu(body(x) + shortcut(x))`. Parameters: `body.0.weight`, `body.1.gamma` ... `downsample.0.weight`.
    ///
    /// ```swift
    /// let unit = model_zoo.vision.BasicBlockV1(channels: 64, stride: 2, downsample: true, inChannels: 32)
    /// try unit.initialize()
    /// let y = try unit(np.ones([1, 32, 8, 8]))   // (1, 64, 4, 4)
    /// ```
    public final class BasicBlockV1: HybridBlock, ResidualUnit {
        public let body = nn.HybridSequential()
        public let downsample: nn.HybridSequential?

        public init(channels: Int, stride: Int, downsample: Bool = false, inChannels: Int = 0) {
            body.add(conv3x3(channels, stride: stride, inChannels: inChannels), nn.BatchNorm(), nn.Activation(.relu),
                     conv3x3(channels, stride: 1, inChannels: channels), nn.BatchNorm())
            self.downsample = downsample ? projection(channels, stride: stride, inChannels: inChannels) : nil
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray {
            let residual = try downsample.map { try $0(x) } ?? x
            return try npx.activation(np.add(residual, body(x)), actType: .relu)
        }
    }

    /// ResNet v1's 1×1-3×3-1×1 unit for 50 layers and more (MXNet's `BottleneckV1`): the stride is on the
    /// first 1×1 convolution, which (like the last) has a bias.
    ///
    /// ```swift
    /// let unit = model_zoo.vision.BottleneckV1(channels: 256, stride: 1, downsample: true, inChannels: 64)
    /// ```
    public final class BottleneckV1: HybridBlock, ResidualUnit {
        public let body = nn.HybridSequential()
        public let downsample: nn.HybridSequential?

        public init(channels: Int, stride: Int, downsample: Bool = false, inChannels: Int = 0) {
            body.add(nn.Conv2D(channels / 4, kernelSize: [1], strides: [stride]), nn.BatchNorm(), nn.Activation(.relu),
                     conv3x3(channels / 4, stride: 1, inChannels: channels / 4), nn.BatchNorm(), nn.Activation(.relu),
                     nn.Conv2D(channels, kernelSize: [1], strides: [1]), nn.BatchNorm())
            self.downsample = downsample ? projection(channels, stride: stride, inChannels: inChannels) : nil
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray {
            let residual = try downsample.map { try $0(x) } ?? x
            return try npx.activation(np.add(body(x), residual), actType: .relu)
        }
    }

    /// The strided 1×1 convolution + BatchNorm on the shortcut of a v1 unit.
    static func projection(_ channels: Int, stride: Int, inChannels: Int) -> nn.HybridSequential {
        let out = nn.HybridSequential()
        out.add(nn.Conv2D(channels, kernelSize: [1], strides: [stride], useBias: false, inChannels: inChannels),
                nn.BatchNorm())
        return out
    }

    /// ResNet v2's pre-activation unit for 18 and 34 layers (MXNet's `BasicBlockV2`):
    /// `conv2(relu(bn2(conv1(relu(bn1(x)))))) + shortcut`, the projection applied to `relu(bn1(x))`.
    /// Parameters: `bn1.gamma` ... `conv1.weight`, `bn2.*`, `conv2.weight`, `downsample.weight`.
    ///
    /// ```swift
    /// let unit = model_zoo.vision.BasicBlockV2(channels: 128, stride: 2, downsample: true, inChannels: 64)
    /// ```
    public final class BasicBlockV2: HybridBlock, ResidualUnit {
        public let bn1 = nn.BatchNorm()
        public let conv1: nn.Conv2D
        public let bn2 = nn.BatchNorm()
        public let conv2: nn.Conv2D
        public let downsample: nn.Conv2D?

        public init(channels: Int, stride: Int, downsample: Bool = false, inChannels: Int = 0) {
            conv1 = conv3x3(channels, stride: stride, inChannels: inChannels)
            conv2 = conv3x3(channels, stride: 1, inChannels: channels)
            self.downsample = downsample
                ? nn.Conv2D(channels, kernelSize: [1], strides: [stride], useBias: false, inChannels: inChannels) : nil
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray {
            let a = try npx.activation(bn1(x), actType: .relu)
            let residual = try downsample.map { try $0(a) } ?? x
            let h = try npx.activation(bn2(conv1(a)), actType: .relu)
            return try np.add(conv2(h), residual)
        }
    }

    /// ResNet v2's pre-activation bottleneck for 50 layers and more (MXNet's `BottleneckV2`): the stride is on
    /// the 3×3 convolution; no convolution has a bias.
    ///
    /// ```swift
    /// let unit = model_zoo.vision.BottleneckV2(channels: 512, stride: 2, downsample: true, inChannels: 256)
    /// ```
    public final class BottleneckV2: HybridBlock, ResidualUnit {
        public let bn1 = nn.BatchNorm()
        public let conv1: nn.Conv2D
        public let bn2 = nn.BatchNorm()
        public let conv2: nn.Conv2D
        public let bn3 = nn.BatchNorm()
        public let conv3: nn.Conv2D
        public let downsample: nn.Conv2D?

        public init(channels: Int, stride: Int, downsample: Bool = false, inChannels: Int = 0) {
            conv1 = nn.Conv2D(channels / 4, kernelSize: [1], strides: [1], useBias: false)
            conv2 = conv3x3(channels / 4, stride: stride, inChannels: channels / 4)
            conv3 = nn.Conv2D(channels, kernelSize: [1], strides: [1], useBias: false)
            self.downsample = downsample
                ? nn.Conv2D(channels, kernelSize: [1], strides: [stride], useBias: false, inChannels: inChannels) : nil
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray {
            let a = try npx.activation(bn1(x), actType: .relu)
            let residual = try downsample.map { try $0(a) } ?? x
            var h = try npx.activation(bn2(conv1(a)), actType: .relu)
            h = try npx.activation(bn3(conv2(h)), actType: .relu)
            return try np.add(conv3(h), residual)
        }
    }
}
