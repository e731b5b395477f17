extension model_zoo.vision {
    /// ResNet v1 (MXNet's `ResNetV1`, "Deep Residual Learning for Image Recognition"): a 7×7 stem (or a 3×3
    /// one with `thumbnail`), four stages of residual units, global average pooling and a dense `output`.
    /// Parameters are named as MXNet's: `features.0.weight`, `features.5.0.body.1.gamma`, `output.weight`.
    ///
    /// ```swift
    /// let net = try model_zoo.vision.ResNetV1(block: model_zoo.vision.BasicBlockV1.self, layers: [2, 2, 2, 2],
    ///                                         channels: [64, 64, 128, 256, 512], classes: 10)
    /// try net.initialize(initializer.Xavier())
    /// let y = try net(np.ones([1, 3, 32, 32]))   // (1, 10)
    /// ```
    public final class ResNetV1: HybridBlock {
        public let features = nn.HybridSequential()
        public let output: nn.Dense

        /// - Parameters:
        ///   - block: the unit, ``BasicBlockV1`` or ``BottleneckV1``.
        ///   - layers: units per stage.
        ///   - channels: the stem's channels, then each stage's (one more entry than `layers`).
        ///   - thumbnail: a 3×3 stride-1 stem without pooling, for small images.
        /// - Throws: ``MXNetError`` when `channels` does not have one more entry than `layers`.
        public init(block: any ResidualUnit.Type, layers: [Int], channels: [Int], classes: Int = 1000,
                    thumbnail: Bool = false) throws {
            guard layers.count == channels.count - 1 else {
                throw MXNetError("ResNetV1: channels needs one more entry than layers, got \(channels.count) and \(layers.count)")
            }
            if thumbnail {
                features.add(conv3x3(channels[0], stride: 1, inChannels: 0))
            } else {
                features.add(nn.Conv2D(channels[0], kernelSize: [7], strides: [2], padding: [3], useBias: false),
                             nn.BatchNorm(), nn.Activation(.relu), nn.MaxPool2D(poolSize: [3], strides: [2], padding: [1]))
            }
            for (i, count) in layers.enumerated() {
                features.add(makeStage(block, count, channels: channels[i + 1], stride: i == 0 ? 1 : 2,
                                       inChannels: channels[i]))
            }
            features.add(nn.GlobalAvgPool2D())
            output = nn.Dense(classes, inUnits: channels[channels.count - 1])
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray { try output(features(x)) }
    }

    /// ResNet v2 (MXNet's `ResNetV2`, "Identity Mappings in Deep Residual Networks"): an input BatchNorm
    /// without scale and shift, the stem, four stages of pre-activation units, BatchNorm + ReLU, global average
    /// pooling and a dense `output`.
    ///
    /// ```swift
    /// let net = try model_zoo.vision.ResNetV2(block: model_zoo.vision.BottleneckV2.self, layers: [3, 4, 6, 3],
    ///                                         channels: [64, 256, 512, 1024, 2048])
    /// ```
    public final class ResNetV2: HybridBlock {
        public let features = nn.HybridSequential()
        public let output: nn.Dense

        /// - Parameters:
        ///   - block: the unit, ``BasicBlockV2`` or ``BottleneckV2``.
        ///   - layers: units per stage.
        ///   - channels: the stem's channels, then each stage's (one more entry than `layers`).
        ///   - thumbnail: a 3×3 stride-1 stem without pooling, for small images.
        /// - Throws: ``MXNetError`` when `channels` does not have one more entry than `layers`.
        public init(block: any ResidualUnit.Type, layers: [Int], channels: [Int], classes: Int = 1000,
                    thumbnail: Bool = false) throws {
            guard layers.count == channels.count - 1 else {
                throw MXNetError("ResNetV2: channels needs one more entry than layers, got \(channels.count) and \(layers.count)")
            }
            features.add(nn.BatchNorm(center: false, scale: false))
            if thumbnail {
                features.add(conv3x3(channels[0], stride: 1, inChannels: 0))
            } else {
                features.add(nn.Conv2D(channels[0], kernelSize: [7], strides: [2], padding: [3], useBias: false),
                             nn.BatchNorm(), nn.Activation(.relu), nn.MaxPool2D(poolSize: [3], strides: [2], padding: [1]))
            }
            var inChannels = channels[0]
            for (i, count) in layers.enumerated() {
                features.add(makeStage(block, count, channels: channels[i + 1], stride: i == 0 ? 1 : 2,
                                       inChannels: inChannels))
                inChannels = channels[i + 1]
            }
            features.add(nn.BatchNorm(), nn.Activation(.relu), nn.GlobalAvgPool2D(), nn.Flatten())
            output = nn.Dense(classes, inUnits: inChannels)
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray { try output(features(x)) }
    }

    /// One stage: a unit that may change stride and width, then `count - 1` plain ones (MXNet's `_make_layer`).
    static func makeStage(_ block: any ResidualUnit.Type, _ count: Int, channels: Int, stride: Int,
                          inChannels: Int) -> nn.HybridSequential {
        let stage = nn.HybridSequential()
        stage.add(block.init(channels: channels, stride: stride, downsample: channels != inChannels, inChannels: inChannels))
        for _ in 1..<max(count, 1) {
            stage.add(block.init(channels: channels, stride: 1, downsample: false, inChannels: channels))
        }
        return stage
    }

    /// Units per stage and channels (stem, then each stage) for each depth (MXNet's `resnet_spec`).
    static let resnetSpec: [Int: (bottleneck: Bool, layers: [Int], channels: [Int])] = [
        18: (false, [2, 2, 2, 2], [64, 64, 128, 256, 512]),
        34: (false, [3, 4, 6, 3], [64, 64, 128, 256, 512]),
        50: (true, [3, 4, 6, 3], [64, 256, 512, 1024, 2048]),
        101: (true, [3, 4, 23, 3], [64, 256, 512, 1024, 2048]),
        152: (true, [3, 8, 36, 3], [64, 256, 512, 1024, 2048]),
    ]

    /// ResNet `version` 1 or 2 with 18, 34, 50, 101 or 152 layers (MXNet's `get_resnet`; `resnet18_v1` ...).
    ///
    /// ```swift
    /// let net = try model_zoo.vision.getResNet(version: 2, numLayers: 50, classes: 100)
    /// ```
    /// - Throws: ``MXNetError`` for another version or depth.
    public static func getResNet(version: Int, numLayers: Int, classes: Int = 1000,
                                 thumbnail: Bool = false) throws -> HybridBlock {
        guard let spec = resnetSpec[numLayers] else {
            throw MXNetError("Invalid number of layers: \(numLayers). Options are \(resnetSpec.keys.sorted())")
        }
        switch version {
        case 1:
            let block: any ResidualUnit.Type = spec.bottleneck ? BottleneckV1.self : BasicBlockV1.self
            return try ResNetV1(block: block, layers: spec.layers, channels: spec.channels, classes: classes,
                                thumbnail: thumbnail)
        case 2:
            let block: any ResidualUnit.Type = spec.bottleneck ? BottleneckV2.self : BasicBlockV2.self
            return try ResNetV2(block: block, layers: spec.layers, channels: spec.channels, classes: classes,
                                thumbnail: thumbnail)
        default:
            throw MXNetError("Invalid resnet version: \(version). Options are 1 and 2.")
        }
    }
}
