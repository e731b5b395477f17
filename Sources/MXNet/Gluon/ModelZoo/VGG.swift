extension model_zoo.vision {
    /// VGG (MXNet's `VGG`, "Very Deep Convolutional Networks for Large-Scale Image Recognition"): stages of
    /// 3×3 convolutions (each optionally followed by BatchNorm) with ReLU and 2×2 max pooling, then two
    /// 4096-unit dense layers with dropout inside `features`, and a dense `output`. Convolutions default to
    /// Xavier (gaussian, fan-out, magnitude 2) weights and dense layers to normal(0.01), as in MXNet.
    ///
    /// ```swift
    /// let net = try model_zoo.vision.getVGG(numLayers: 11, classes: 10, batchNorm: true)
    /// try net.initialize()
    /// let y = try net(np.ones([1, 3, 32, 32]))   // (1, 10); the first dense layer takes 512·(size/32)² inputs
    /// ```
    public final class VGG: HybridBlock {
        public let features = nn.HybridSequential()
        public let output: nn.Dense

        /// - Parameters:
        ///   - layers: convolutions per stage.
        ///   - filters: channels per stage (as many entries as `layers`).
        ///   - batchNorm: a BatchNorm after every convolution.
        /// - Throws: ``MXNetError`` when `layers` and `filters` differ in length.
        public init(layers: [Int], filters: [Int], classes: Int = 1000, batchNorm: Bool = false) throws {
            guard layers.count == filters.count else {
                throw MXNetError("VGG: layers and filters need the same length, got \(layers.count) and \(filters.count)")
            }
            let convInit = initializer.Xavier(rndType: .gaussian, factorType: .out, magnitude: 2)
            for (count, channels) in zip(layers, filters) {
                for _ in 0..<count {
                    features.add(nn.Conv2D(channels, kernelSize: [3], padding: [1], weightInitializer: convInit,
                                           biasInitializer: initializer.Zero()))
                    if batchNorm { features.add(nn.BatchNorm()) }
                    features.add(nn.Activation(.relu))
                }
                features.add(nn.MaxPool2D(strides: [2]))
            }
            for _ in 0..<2 {
                features.add(nn.Dense(4096, activation: .relu, weightInitializer: initializer.Normal(),
                                      biasInitializer: initializer.Zero()),
                             nn.Dropout(0.5))
            }
            output = nn.Dense(classes, weightInitializer: initializer.Normal(), biasInitializer: initializer.Zero())
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray { try output(features(x)) }
    }

    /// Convolutions per stage and channels per stage for each depth (MXNet's `vgg_spec`).
    static let vggSpec: [Int: (layers: [Int], filters: [Int])] = [
        11: ([1, 1, 2, 2, 2], [64, 128, 256, 512, 512]),
        13: ([2, 2, 2, 2, 2], [64, 128, 256, 512, 512]),
        16: ([2, 2, 3, 3, 3], [64, 128, 256, 512, 512]),
        19: ([2, 2, 4, 4, 4], [64, 128, 256, 512, 512]),
    ]

    /// VGG with 11, 13, 16 or 19 layers, with or without BatchNorm (MXNet's `get_vgg`; `vgg11`, `vgg11_bn` ...).
    ///
    /// ```swift
    /// let net = try model_zoo.vision.getVGG(numLayers: 16)
    /// ```
    /// - Throws: ``MXNetError`` for another depth.
    public static func getVGG(numLayers: Int, classes: Int = 1000, batchNorm: Bool = false) throws -> VGG {
        guard let spec = vggSpec[numLayers] else {
            throw MXNetError("Invalid number of layers: \(numLayers). Options are \(vggSpec.keys.sorted())")
        }
        return try VGG(layers: spec.layers, filters: spec.filters, classes: classes, batchNorm: batchNorm)
    }
}
