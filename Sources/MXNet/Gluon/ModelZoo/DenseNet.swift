extension model_zoo.vision {
    /// DenseNet-BC (MXNet's `DenseNet`, "Densely Connected Convolutional Networks"): a 7×7 stem, dense blocks
    /// whose layers each append `growthRate` channels to their input (`[x, f(x)]` through
    /// ``nn/HybridConcatenate`` and ``nn/Identity``), transitions halving channels and size, BatchNorm + ReLU,
    /// a 7×7 average pool (so 224×224 inputs) and a dense `output`.
    ///
    /// ```swift
    /// let net = try model_zoo.vision.getDenseNet(numLayers: 121, classes: 10)
    /// try net.initialize(initializer.Xavier())
    /// let y = try net(np.ones([1, 3, 224, 224]))   // (1, 10)
    /// ```
    public final class DenseNet: HybridBlock {
        public let features = nn.HybridSequential()
        public let output: nn.Dense

        /// - Parameters:
        ///   - numInitFeatures: the stem's channels.
        ///   - growthRate: channels each dense layer adds.
        ///   - blockConfig: dense layers per block.
        ///   - bnSize: the bottleneck width as a multiple of `growthRate`.
        ///   - dropout: the dropout rate after each dense layer (0: none).
        public init(numInitFeatures: Int, growthRate: Int, blockConfig: [Int], bnSize: Int = 4, dropout: Double = 0,
                    classes: Int = 1000) {
            features.add(nn.Conv2D(numInitFeatures, kernelSize: [7], strides: [2], padding: [3], useBias: false),
                         nn.BatchNorm(), nn.Activation(.relu), nn.MaxPool2D(poolSize: [3], strides: [2], padding: [1]))
            var numFeatures = numInitFeatures
            for (i, numLayers) in blockConfig.enumerated() {
                let block = nn.HybridSequential()
                for _ in 0..<numLayers {
                    block.add(DenseNet.denseLayer(growthRate: growthRate, bnSize: bnSize, dropout: dropout))
                }
                features.add(block)
                numFeatures += numLayers * growthRate
                if i != blockConfig.count - 1 {
                    features.add(DenseNet.transition(numFeatures / 2))
                    numFeatures /= 2
                }
            }
            features.add(nn.BatchNorm(), nn.Activation(.relu), nn.AvgPool2D(poolSize: [7]), nn.Flatten())
            output = nn.Dense(classes)
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray { try output(features(x)) }

        /// BN-ReLU-1×1 conv-BN-ReLU-3×3 conv, concatenated after its input (MXNet's `_make_dense_layer`).
        static func denseLayer(growthRate: Int, bnSize: Int, dropout: Double) -> nn.HybridConcatenate {
            let newFeatures = nn.HybridSequential()
            newFeatures.add(nn.BatchNorm(), nn.Activation(.relu),
                            nn.Conv2D(bnSize * growthRate, kernelSize: [1], useBias: false),
                            nn.BatchNorm(), nn.Activation(.relu),
                            nn.Conv2D(growthRate, kernelSize: [3], padding: [1], useBias: false))
            if dropout > 0 { newFeatures.add(nn.Dropout(dropout)) }
            let out = nn.HybridConcatenate(axis: 1)
            out.add(nn.Identity(), newFeatures)
            return out
        }

        /// BN-ReLU-1×1 conv-2×2 average pool (MXNet's `_make_transition`).
        static func transition(_ numOutputFeatures: Int) -> nn.HybridSequential {
            let out = nn.HybridSequential()
            out.add(nn.BatchNorm(), nn.Activation(.relu), nn.Conv2D(numOutputFeatures, kernelSize: [1], useBias: false),
                    nn.AvgPool2D(poolSize: [2], strides: [2]))
            return out
        }
    }

    /// Stem channels, growth rate and layers per block for each depth (MXNet's `densenet_spec`).
    static let densenetSpec: [Int: (numInitFeatures: Int, growthRate: Int, blockConfig: [Int])] = [
        121: (64, 32, [6, 12, 24, 16]),
        161: (96, 48, [6, 12, 36, 24]),
        169: (64, 32, [6, 12, 32, 32]),
        201: (64, 32, [6, 12, 48, 32]),
    ]

    /// DenseNet with 121, 161, 169 or 201 layers (MXNet's `get_densenet`; `densenet121` ...).
    ///
    /// ```swift
    /// let net = try model_zoo.vision.getDenseNet(numLayers: 169)
    /// ```
    /// - Throws: ``MXNetError`` for another depth.
    public static func getDenseNet(numLayers: Int, classes: Int = 1000) throws -> DenseNet {
        guard let spec = densenetSpec[numLayers] else {
            throw MXNetError("Invalid number of layers: \(numLayers). Options are \(densenetSpec.keys.sorted())")
        }
        return DenseNet(numInitFeatures: spec.numInitFeatures, growthRate: spec.growthRate,
                        blockConfig: spec.blockConfig, classes: classes)
    }
}
