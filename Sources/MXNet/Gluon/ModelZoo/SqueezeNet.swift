extension model_zoo.vision {
    /// SqueezeNet (MXNet's `SqueezeNet`, "SqueezeNet: AlexNet-level accuracy with 50x fewer parameters"): fire
    /// modules (a 1×1 squeeze, then 1×1 and 3×3 expands concatenated on channels), then `output` = 1×1
    /// convolution to `classes`, ReLU, a 13×13 average pool and flatten — so inputs must give a 13×13 final
    /// map (224×224 images do).
    ///
    /// ```swift
    /// let net = model_zoo.vision.SqueezeNet(version: .v1_1, classes: 10)
    /// try net.initialize(initializer.Xavier())
    /// let y = try net(np.ones([1, 3, 224, 224]))   // (1, 10)
    /// ```
    public final class SqueezeNet: HybridBlock {
        /// The architecture: 1.0 (a 7×7 stem) or 1.1 (a 3×3 stem, pooling earlier; 2.4x less computation).
        public enum Version: String, Sendable { case v1_0 = "1.0", v1_1 = "1.1" }

        public let features = nn.HybridSequential()
        public let output = nn.HybridSequential()

        public init(version: Version, classes: Int = 1000) {
            func pool() -> nn.MaxPool2D { nn.MaxPool2D(poolSize: [3], strides: [2], ceilMode: true) }
            switch version {
            case .v1_0:
                features.add(nn.Conv2D(96, kernelSize: [7], strides: [2]), nn.Activation(.relu), pool(),
                             fire(16, 64, 64), fire(16, 64, 64), fire(32, 128, 128), pool(),
                             fire(32, 128, 128), fire(48, 192, 192), fire(48, 192, 192), fire(64, 256, 256), pool(),
                             fire(64, 256, 256))
            case .v1_1:
                features.add(nn.Conv2D(64, kernelSize: [3], strides: [2]), nn.Activation(.relu), pool(),
                             fire(16, 64, 64), fire(16, 64, 64), pool(),
                             fire(32, 128, 128), fire(32, 128, 128), pool(),
                             fire(48, 192, 192), fire(48, 192, 192), fire(64, 256, 256), fire(64, 256, 256))
            }
            features.add(nn.Dropout(0.5))
            output.add(nn.Conv2D(classes, kernelSize: [1]), nn.Activation(.relu), nn.AvgPool2D(poolSize: [13]),
                       nn.Flatten())
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray { try output(features(x)) }
    }

    /// A fire module (MXNet's `_make_fire`): squeeze, then the two expand paths side by side.
    static func fire(_ squeeze: Int, _ expand1x1: Int, _ expand3x3: Int) -> nn.HybridSequential {
        let out = nn.HybridSequential()
        let paths = nn.HybridConcatenate(axis: 1)
        paths.add(fireConv(expand1x1, 1), fireConv(expand3x3, 3, padding: 1))
        out.add(fireConv(squeeze, 1), paths)
        return out
    }

    /// Convolution + ReLU (MXNet's `_make_fire_conv`).
    static func fireConv(_ channels: Int, _ kernel: Int, padding: Int = 0) -> nn.HybridSequential {
        let out = nn.HybridSequential()
        out.add(nn.Conv2D(channels, kernelSize: [kernel], padding: [padding]), nn.Activation(.relu))
        return out
    }
}
