extension model_zoo.vision {
    /// AlexNet (MXNet's `AlexNet`, "One weird trick for parallelizing convolutional neural networks"): five
    /// convolutions with ReLU and three max pools, then two 4096-unit dense layers with dropout, all in
    /// `features`, and a dense `output`.
    ///
    /// ```swift
    /// let net = model_zoo.vision.AlexNet(classes: 10)
    /// try net.initialize(initializer.Xavier())
    /// let y = try net(np.ones([1, 3, 224, 224]))   // (1, 10)
    /// ```
    public final class AlexNet: HybridBlock {
        public let features = nn.HybridSequential()
        public let output: nn.Dense

        public init(classes: Int = 1000) {
            func pool() -> nn.MaxPool2D { nn.MaxPool2D(poolSize: [3], strides: [2]) }
            features.add(nn.Conv2D(64, kernelSize: [11], strides: [4], padding: [2], activation: .relu), pool(),
                         nn.Conv2D(192, kernelSize: [5], padding: [2], activation: .relu), pool(),
                         nn.Conv2D(384, kernelSize: [3], padding: [1], activation: .relu),
                         nn.Conv2D(256, kernelSize: [3], padding: [1], activation: .relu),
                         nn.Conv2D(256, kernelSize: [3], padding: [1], activation: .relu), pool(),
                         nn.Flatten(),
                         nn.Dense(4096, activation: .relu), nn.Dropout(0.5),
                         nn.Dense(4096, activation: .relu), nn.Dropout(0.5))
            output = nn.Dense(classes)
            super.init()
        }

        public override func forward(_ x: NDArray) throws -> NDArray { try output(features(x)) }
    }
}
