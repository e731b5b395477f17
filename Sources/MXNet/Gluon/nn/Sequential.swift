/// A block whose children are added in order and named `0`, `1` ... (the `nn` containers).
///
/// ```swift
/// let net = nn.HybridSequential()
/// net.add(nn.Dense(4), nn.Dense(2))
/// print(net.count, type(of: net[1]))   // 2 Dense
/// ```
public protocol BlockContainer: Block {}

extension BlockContainer {
    /// Appends blocks.
    public func add(_ blocks: Block...) { for b in blocks { registerChild(b) } }
    /// The number of children.
    public var count: Int { registeredChildren.count }
    /// The `i`-th child.
    public subscript(i: Int) -> Block { registeredChildren[i].1 }

    /// Every child run on `x`, outputs joined along `axis` (the concatenating containers' forward).
    func concatenatedChildren(_ x: NDArray, axis: Int) throws -> NDArray {
        try np.concatenate(registeredChildren.map { try $0.1(x) }, axis: axis)
    }
}

extension nn {
    /// Runs its children one after another (MXNet 2.0's `nn.Sequential`); children are named `0`, `1` ...
    ///
    /// ```swift
    /// let net = nn.Sequential()
    /// net.add(nn.Dense(8, activation: .relu), nn.Dense(2))
    /// ```
    public final class Sequential: Block, BlockContainer {
        public override init() { super.init() }

        public override func forward(_ inputs: [NDArray]) throws -> [NDArray] {
            try registeredChildren.reduce(inputs) { x, child in try child.1(x) }
        }
    }

    /// A ``Sequential`` that can be hybridized as a whole (MXNet 2.0's `nn.HybridSequential`).
    ///
    /// ```swift
    /// let net = nn.HybridSequential()
    /// net.add(nn.Dense(8, activation: .relu), nn.Dense(2))
    /// net.hybridize()
    /// ```
    public final class HybridSequential: HybridBlock, BlockContainer {
        public override init() { super.init() }

        public override func forward(_ inputs: [NDArray]) throws -> [NDArray] {
            try registeredChildren.reduce(inputs) { x, child in try child.1(x) }
        }
    }
}
