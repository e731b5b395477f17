/// Neural-network layers (MXNet 2.0's `gluon.nn`), as ``HybridBlock`` subclasses with MXNet's parameter names.
///
/// ```swift
/// let net = nn.HybridSequential()
/// net.add(nn.Conv2D(8, kernelSize: [3, 3], activation: .relu), nn.MaxPool2D(), nn.Flatten(), nn.Dense(10))
/// try net.initialize()
/// let logits = try net(np.ones([1, 1, 28, 28]))
/// ```
public enum nn {}

extension nn {
    /// Shared initializers for the `zeros` / `ones` defaults of MXNet's layers.
    static let zeros: Initializer = initializer.Zero()
    static let ones: Initializer = initializer.One()

    /// `value` repeated to `count` entries when it has one, else `value` (validated by the operator).
    static func expand(_ value: [Int], _ count: Int) -> [Int] { value.count == 1 ? Array(repeating: value[0], count: count) : value }

    /// Throws unless `x` is channels-first with `spatialAxes` spatial axes: (N, C, W), (N, C, H, W) or (N, C, D, H, W).
    static func checkChannelsFirst(_ x: NDArray, spatialAxes: Int, _ block: Block) throws {
        guard x.ndim == spatialAxes + 2 else {
            let axes = ["N", "C"] + ["D", "H", "W"].suffix(spatialAxes)
            throw MXNetError("\(type(of: block)): expected an (\(axes.joined(separator: ", "))) input, got \(Shape.text(x.shape))")
        }
    }
}
