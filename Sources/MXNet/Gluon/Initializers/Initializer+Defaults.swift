/// MXNet's legacy name-based dispatch (`mx.init.Initializer.__call__` with a plain name, as MXNet 1.x used for
/// parameters without an initializer of their own).
///
/// | name ends with | value |
/// |---|---|
/// | `weight` | the initializer's own value |
/// | `bias`, `beta`, `running_mean`, `moving_mean`, `moving_inv_var`, `moving_avg`, `min` | 0 |
/// | `gamma`, `running_var`, `moving_var`, `max` | 1 |
///
/// Any other name throws, as in MXNet. ``Initializer/initialize(_:shape:dtype:)`` itself does not dispatch:
/// as in Gluon 2.0 (which passes the initializer as the `__init__` attribute), it always gives its own value.
///
/// ```swift
/// let b = try initializer.Uniform().initializeByName("fc1_bias", shape: [10], dtype: .float32)     // zeros
/// let w = try initializer.Uniform().initializeByName("fc1_weight", shape: [10, 4], dtype: .float32) // uniform
/// ```
extension Initializer {
    /// The value of parameter `name` under MXNet's name patterns (see ``InitializerDefaults``).
    /// - Throws: ``MXNetError`` for a name matching no pattern, or the initializer's errors.
    public func initializeByName(_ name: String, shape: [Int], dtype: DType) throws -> NDArray {
        try InitializerDefaults.initialize(name, shape: shape, dtype: dtype) {
            try initialize(name, shape: shape, dtype: dtype)
        }
    }
}

/// MXNet's name patterns for parameters without an initializer of their own.
public enum InitializerDefaults {
    /// Name suffixes whose parameters start at 0.
    public static let zeroSuffixes = ["bias", "beta", "running_mean", "moving_mean", "moving_inv_var", "moving_avg", "min"]
    /// Name suffixes whose parameters start at 1.
    public static let oneSuffixes = ["gamma", "running_var", "moving_var", "max"]

    /// Dispatches on `name`: `weight()` for weights, zeros or ones for the fixed patterns.
    /// - Throws: ``MXNetError`` for a name matching no pattern.
    public static func initialize(_ name: String, shape: [Int], dtype: DType,
                                  weight: () throws -> NDArray) throws -> NDArray {
        if name.hasSuffix("weight") { return try weight() }
        if zeroSuffixes.contains(where: name.hasSuffix) { return try np.zeros(shape, dtype: dtype) }
        if oneSuffixes.contains(where: name.hasSuffix) { return try np.ones(shape, dtype: dtype) }
        throw MXNetError("Unknown initialization pattern for \(name). Default initialization is now limited to "
                         + "\"weight\", \"bias\", \"gamma\" (1.0), and \"beta\" (0.0). Give the parameter an initializer")
    }
}
