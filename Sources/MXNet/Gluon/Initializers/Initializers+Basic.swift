extension initializer {
    /// Fills weights with 0 (`mx.init.Zero`, alias `zeros`).
    ///
    /// ```swift
    /// let w = try initializer.Zero().initialize("w", shape: [2, 3], dtype: .float32)
    /// ```
    public struct Zero: Initializer {
        public init() {}
        public func initialize(_ name: String, shape: [Int], dtype: DType) throws -> NDArray {
            try np.zeros(shape, dtype: dtype)
        }
    }

    /// Fills weights with 1 (`mx.init.One`, alias `ones`).
    ///
    /// ```swift
    /// let w = try initializer.One().initialize("w", shape: [2, 3], dtype: .float32)
    /// ```
    public struct One: Initializer {
        public init() {}
        public func initialize(_ name: String, shape: [Int], dtype: DType) throws -> NDArray {
            try np.ones(shape, dtype: dtype)
        }
    }

    /// Fills weights with a constant (`mx.init.Constant`).
    ///
    /// ```swift
    /// let w = try initializer.Constant(0.5).initialize("w", shape: [2, 3], dtype: .float32)
    /// ```
    public struct Constant: Initializer {
        public let value: Double
        public init(_ value: Double) { self.value = value }
        public func initialize(_ name: String, shape: [Int], dtype: DType) throws -> NDArray {
            try np.full(shape, value, dtype: dtype)
        }
    }

    /// Draws weights uniformly from `[-scale, scale)` (`mx.init.Uniform`).
    ///
    /// ```swift
    /// let w = try initializer.Uniform(scale: 0.1).initialize("w", shape: [2, 3], dtype: .float32)
    /// ```
    public struct Uniform: Initializer {
        public let scale: Double
        public init(scale: Double = 0.07) { self.scale = scale }
        public func initialize(_ name: String, shape: [Int], dtype: DType) throws -> NDArray {
            try np.random.uniform(low: -scale, high: scale, size: shape, dtype: dtype)
        }
    }

    /// Draws weights from `N(0, sigma^2)` (`mx.init.Normal`).
    ///
    /// ```swift
    /// let w = try initializer.Normal(sigma: 0.02).initialize("w", shape: [2, 3], dtype: .float32)
    /// ```
    public struct Normal: Initializer {
        public let sigma: Double
        public init(sigma: Double = 0.01) { self.sigma = sigma }
        public func initialize(_ name: String, shape: [Int], dtype: DType) throws -> NDArray {
            try np.random.normal(loc: 0, scale: sigma, size: shape, dtype: dtype)
        }
    }

    /// The weights of a bilinear upsampling deconvolution (`mx.init.Bilinear`); needs a 4-d shape.
    ///
    /// ```swift
    /// let w = try initializer.Bilinear().initialize("up.weight", shape: [1, 1, 4, 4], dtype: .float32)
    /// ```
    public struct Bilinear: Initializer {
        public init() {}
        /// - Throws: ``MXNetError`` when `shape` is not 4-d.
        public func initialize(_ name: String, shape: [Int], dtype: DType) throws -> NDArray {
            guard shape.count == 4 else { throw MXNetError("Bilinear initializer needs a 4-d shape for \(name), got \(Shape.text(shape))") }
            let count = Shape.count(shape)
            let f = (Double(shape[3]) / 2).rounded(.up)
            let c = (2 * f - 1 - f.truncatingRemainder(dividingBy: 2)) / (2 * f)
            var values = [Float](repeating: 0, count: count)
            for i in 0..<count {
                let x = Double(i % shape[3]), y = Double((i / shape[3]) % shape[2])
                values[i] = Float((1 - abs(x / f - c)) * (1 - abs(y / f - c)))
            }
            return try np.array(values, shape: shape, dtype: dtype)
        }
    }
}
