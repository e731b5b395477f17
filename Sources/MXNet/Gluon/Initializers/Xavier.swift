import Foundation

extension initializer {
    /// Xavier/Glorot initialization (`mx.init.Xavier`): weights drawn with scale `sqrt(magnitude / factor)`,
    /// where `factor` is the average of fan-in and fan-out, or one of them; uniform in `[-scale, scale)` or normal
    /// with standard deviation `scale`. For shapes past 2-d, fans are multiplied by the product of the trailing
    /// (kernel) dimensions.
    ///
    /// ```swift
    /// let w = try initializer.Xavier(rndType: .gaussian, factorType: .in, magnitude: 2).initialize("w", shape: [8, 4, 3, 3], dtype: .float32)
    /// ```
    public struct Xavier: Initializer {
        /// The distribution the weights are drawn from.
        public enum RandomType: String, Sendable { case uniform, gaussian }
        /// Which fan sets the scale.
        public enum FactorType: String, Sendable { case avg, `in`, out }

        public let rndType: RandomType
        public let factorType: FactorType
        public let magnitude: Double

        public init(rndType: RandomType = .uniform, factorType: FactorType = .avg, magnitude: Double = 3) {
            self.rndType = rndType
            self.factorType = factorType
            self.magnitude = magnitude
        }

        /// The uniform bound or normal standard deviation for `shape`.
        /// - Throws: ``MXNetError`` for shapes with fewer than 2 dimensions.
        public func scale(for shape: [Int], name: String = "") throws -> Double {
            guard shape.count >= 2 else {
                throw MXNetError("Xavier initializer cannot be applied to vector \(name). It requires at least 2D.")
            }
            let hwScale = Double(Shape.count(Array(shape.dropFirst(2))))
            let fanIn = Double(shape[1]) * hwScale, fanOut = Double(shape[0]) * hwScale
            let factor: Double
            switch factorType {
            case .avg: factor = (fanIn + fanOut) / 2
            case .in: factor = fanIn
            case .out: factor = fanOut
            }
            return (magnitude / factor).squareRoot()
        }

        public func initialize(_ name: String, shape: [Int], dtype: DType) throws -> NDArray {
            let s = try scale(for: shape, name: name)
            switch rndType {
            case .uniform: return try np.random.uniform(low: -s, high: s, size: shape, dtype: dtype)
            case .gaussian: return try np.random.normal(loc: 0, scale: s, size: shape, dtype: dtype)
            }
        }
    }

    /// He/MSRA initialization for PReLU networks (`mx.init.MSRAPrelu`): ``Xavier`` with gaussian draws and
    /// `magnitude = 2 / (1 + slope^2)`.
    ///
    /// ```swift
    /// let w = try initializer.MSRAPrelu().initialize("conv0.weight", shape: [16, 3, 3, 3], dtype: .float32)
    /// ```
    public struct MSRAPrelu: Initializer {
        public let factorType: Xavier.FactorType
        public let slope: Double

        public init(factorType: Xavier.FactorType = .avg, slope: Double = 0.25) {
            self.factorType = factorType
            self.slope = slope
        }

        /// The equivalent ``Xavier`` initializer.
        public var xavier: Xavier { Xavier(rndType: .gaussian, factorType: factorType, magnitude: 2 / (1 + slope * slope)) }

        public func initialize(_ name: String, shape: [Int], dtype: DType) throws -> NDArray {
            try xavier.initialize(name, shape: shape, dtype: dtype)
        }
    }
}
