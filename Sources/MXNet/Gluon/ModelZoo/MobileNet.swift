extension model_zoo.vision {
    /// `min(max(x, 0), 6)`, MobileNet v2's activation (MXNet's `RELU6`).
    ///
    /// ```swift
    /// let y = try model_zoo.vision.RELU6()(np.array([-1, 3, 9] as [Float]))   // [0, 3, 6]
    /// ```
    public final class RELU6: HybridBlock {
        public override init() { super.init() }
        public override func forward(_ x: NDArray) throws -> NDArray { try np.clip(x, 0, 6) }
    }

    /// Appends convolution (no bias), BatchNorm and, when `active`, ReLU or ReLU6 (MXNet's `_add_conv`).
    static func addConv(_ out: nn.HybridSequential, channels: Int = 1, kernel: Int = 1, stride: Int = 1, pad: Int = 0,
                        numGroup: Int = 1, active: Bool = true, relu6: Bool = false) {
        out.add(nn.Conv2D(channels, kernelSize: [kernel], strides: [stride], padding: [pad], groups: numGroup,
                          useBias: false),
                nn.BatchNorm(scale: true))
        if active { out.add(relu6 ? RELU6() : nn.Activation(.relu)) }
    }

    /// A depthwise 3×3 convolution and a pointwise 1×1 one, each with BatchNorm and ReLU (MXNet's `_add_conv_dw`).
    static func addConvDW(_ out: nn.HybridSequential, dwChannels: Int, channels: Int, stride: Int, relu6: Bool = false) {
        addConv(out, channels: dwChannels, kernel: 3, stride: stride, pad: 1, numGroup: dwChannels, relu6: relu6)
        addConv(out, channels: channels, relu6: relu6)
    }

    /// MobileNet v2's inverted residual (MXNet's `LinearBottleneck`): 1×1 expansion by `t`, depthwise 3×3 with
    /// `stride`, linear 1×1 projection, plus the input when the shape is kept. Parameters: `out.0.weight` ...
    ///
    /// ```swift
    /// let unit = model_zoo.vision.LinearBottleneck(inChannels: 16, channels: 16, t: 6, stride: 1)
    /// ```
    public final class LinearBottleneck: HybridBlock {
        public let out = nn.HybridSequential()
        /// Whether the input is added to the output (stride 1 and equal widths).
        public let useShortcut: Bool

        public init(inChannels: Int, channels: Int, t: Int, stride: Int) {
            useShortcut = stride == 1 && inChannels == channels
            addConv(out, channels: inChannels * t, relu6: true)
            addConv(out, channels: inChannels * t, kernel: 3, stride: stride, pad: 1, numGroup: inChannels * t, relu6: true)
            addConv(out, channels: channels, active: false, relu6: true)
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray {
            let y = try out(x)
            return useShortcut ? try np.add(y, x) : y
        }
    }

    /// MobileNet (MXNet's `MobileNet`, "MobileNets: Efficient Convolutional Neural Networks for Mobile Vision
    /// Applications"): a strided 3×3 stem and 13 depthwise-separable blocks, `multiplier` scaling every width
    /// (`mobilenet1.0`, `0.75`, `0.5`, `0.25`), then global average pooling and a dense `output`.
    ///
    /// ```swift
    /// let net = model_zoo.vision.MobileNet(multiplier: 0.25, classes: 10)
    /// try net.initialize(initializer.Xavier())
    /// let y = try net(np.ones([1, 3, 64, 64]))   // (1, 10)
    /// ```
    public final class MobileNet: HybridBlock {
        public let features = nn.HybridSequential()
        public let output: nn.Dense

        public init(multiplier: Double = 1.0, classes: Int = 1000) {
            func scaled(_ widths: [Int]) -> [Int] { widths.map { Int(Double($0) * multiplier) } }
            addConv(features, channels: Int(32 * multiplier), kernel: 3, stride: 2, pad: 1)
            let dwChannels = scaled([32, 64] + [128, 128] + [256, 256] + Array(repeating: 512, count: 6) + [1024])
            let channels = scaled([64] + [128, 128] + [256, 256] + Array(repeating: 512, count: 6) + [1024, 1024])
            let strides = [1, 2, 1, 2, 1, 2] + [1, 1, 1, 1, 1] + [2, 1]
            for i in 0..<strides.count {
                addConvDW(features, dwChannels: dwChannels[i], channels: channels[i], stride: strides[i])
            }
            features.add(nn.GlobalAvgPool2D(), nn.Flatten())
            output = nn.Dense(classes)
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray { try output(features(x)) }
    }

    /// MobileNet v2 (MXNet's `MobileNetV2`, "Inverted Residuals and Linear Bottlenecks"): a strided 3×3 stem,
    /// 17 ``LinearBottleneck`` units, a 1×1 convolution to 1280 channels (more when `multiplier` > 1), global
    /// average pooling, and `output` = 1×1 convolution to `classes` + flatten. All with ReLU6.
    ///
    /// ```swift
    /// let net = model_zoo.vision.MobileNetV2(multiplier: 0.5, classes: 10)
    /// ```
    public final class MobileNetV2: HybridBlock {
        public let features = nn.HybridSequential()
        public let output = nn.HybridSequential()

        public init(multiplier: Double = 1.0, classes: Int = 1000) {
            func scaled(_ widths: [Int]) -> [Int] { widths.map { Int(Double($0) * multiplier) } }
            addConv(features, channels: Int(32 * multiplier), kernel: 3, stride: 2, pad: 1, relu6: true)
            let inChannels = scaled([32, 16, 24, 24, 32, 32, 32, 64, 64, 64, 64, 96, 96, 96, 160, 160, 160])
            let channels = scaled([16, 24, 24, 32, 32, 32, 64, 64, 64, 64, 96, 96, 96, 160, 160, 160, 320])
            let ts = [1] + Array(repeating: 6, count: 16)
            let strides = [1, 2, 1, 2, 1, 1, 2] + Array(repeating: 1, count: 6) + [2, 1, 1, 1]
            for i in 0..<strides.count {
                features.add(LinearBottleneck(inChannels: inChannels[i], channels: channels[i], t: ts[i], stride: strides[i]))
            }
            let lastChannels = multiplier > 1.0 ? Int(1280 * multiplier) : 1280
            addConv(features, channels: lastChannels, relu6: true)
            features.add(nn.GlobalAvgPool2D())
            output.add(nn.Conv2D(classes, kernelSize: [1], useBias: false), nn.Flatten())
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray { try output(features(x)) }
    }
}
