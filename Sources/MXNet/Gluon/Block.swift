/// The base of every layer and model (MXNet 2.0's `gluon.Block`).
///
/// Child blocks and parameters are stored properties: `Block`, `Parameter`, optionals of them and arrays
/// `[Block]` / `[Parameter]` are found by reflection in declaration order (superclass properties first), then
/// children added with ``registerChild(_:name:)``. Their structural names are the property names in
/// snake_case (`runningMean` → `running_mean`; an array property `layers` gives `layers.0`, `layers.1` ...),
/// so ``collectParams()`` names parameters exactly as MXNet 2.0 does: `features.0.weight`, `dense.bias`.
///
/// Subclasses override ``forward(_:)-(NDArray)`` (one input) or ``forward(_:)-([NDArray])`` (several).
///
/// ```swift
/// final class MLP: Block {
///     let hidden = nn.Dense(64, activation: .relu)
///     let output = nn.Dense(10)
///     override func forward(_ x: NDArray) throws -> NDArray { try output(hidden(x)) }
/// }
/// let net = MLP()
/// try net.initialize()
/// let y = try net(np.ones([2, 20]))
/// print(net.collectParams().map(\.name))   // ["hidden.weight", "hidden.bias", "output.weight", "output.bias"]
/// ```
open class Block {
    var registeredChildren: [(String, Block)] = []
    var registeredParams: [(String, Parameter)] = []
    /// Set once every own parameter has a value: later calls skip the deferred-initialisation check.
    var ownParamsReady = false

    public init() {}

    // MARK: - Structure

    /// The direct children (structural name, block), in registration order.
    public var children: [(name: String, block: Block)] {
        var out: [(name: String, block: Block)] = []
        for (label, value) in reflectedProperties() {
            if let b = value as? Block { out.append((label, b)) }
            else if let list = value as? [Block] { for (i, b) in list.enumerated() { out.append(("\(label).\(i)", b)) } }
        }
        for (n, b) in registeredChildren { out.append((n, b)) }
        return out
    }

    /// This block's own parameters (not its children's), by structural name, in declaration order.
    public var ownParams: [(name: String, parameter: Parameter)] {
        var out: [(name: String, parameter: Parameter)] = []
        for (label, value) in reflectedProperties() {
            if let p = value as? Parameter { out.append((label, p)) }
            else if let list = value as? [Parameter] { for (i, p) in list.enumerated() { out.append(("\(label).\(i)", p)) } }
        }
        return out + registeredParams.map { (name: $0.0, parameter: $0.1) }
    }

    /// Adds `block` as a child named `name` (what `Sequential.add` does: names `0`, `1` ...).
    public func registerChild(_ block: Block, name: String? = nil) {
        registeredChildren.append((name ?? String(registeredChildren.count), block))
    }

    /// Adds `parameter` as an own parameter named `name`, after the stored ones (for names that are not
    /// property names, such as the fused RNN layers' `l0_i2h_weight`).
    ///
    /// ```swift
    /// block.registerParameter(Parameter("l0_i2h_weight", shape: [16, 0]), name: "l0_i2h_weight")
    /// ```
    public func registerParameter(_ parameter: Parameter, name: String) {
        registeredParams.append((name, parameter))
    }

    /// Every parameter of this block and its descendants by structural name (own first, then each child's,
    /// prefixed `child.`), in that order; a parameter shared by two blocks is listed once, at its first name.
    ///
    /// ```swift
    /// let net = nn.Sequential(); net.add(nn.Dense(4), nn.Dense(2))
    /// print(net.collectParams().map(\.name))   // ["0.weight", "0.bias", "1.weight", "1.bias"]
    /// ```
    /// - Parameter select: a regular expression a name must match (MXNet's `collect_params('.*weight')`).
    public func collectParams(_ select: String? = nil) -> [(name: String, parameter: Parameter)] {
        var out: [(name: String, parameter: Parameter)] = []
        var seen = Set<ObjectIdentifier>()
        collect(prefix: "", into: &out, seen: &seen)
        guard let select, let re = try? Regex(select) else { return out }
        return out.filter { (try? re.wholeMatch(in: $0.name)) != nil }
    }

    /// ``collectParams(_:)`` as a dictionary.
    public func paramDict() -> [String: Parameter] {
        Dictionary(collectParams().map { ($0.name, $0.parameter) }, uniquingKeysWith: { a, _ in a })
    }

    func collect(prefix: String, into out: inout [(name: String, parameter: Parameter)], seen: inout Set<ObjectIdentifier>) {
        for (n, p) in ownParams where seen.insert(ObjectIdentifier(p)).inserted { out.append((prefix + n, p)) }
        for (n, c) in children { c.collect(prefix: prefix + n + ".", into: &out, seen: &seen) }
    }

    /// Stored properties of this block's class chain (base first), labels in snake_case.
    func reflectedProperties() -> [(String, Any)] {
        var mirrors: [Mirror] = []
        var m: Mirror? = Mirror(reflecting: self)
        while let mirror = m { mirrors.append(mirror); m = mirror.superclassMirror }
        var out: [(String, Any)] = []
        for mirror in mirrors.reversed() {
            for child in mirror.children {
                guard var label = child.label else { continue }
                if label.hasPrefix("$__lazy_storage_$_") { label.removeFirst("$__lazy_storage_$_".count) }
                out.append((Block.snakeCase(label), child.value))
            }
        }
        return out
    }

    /// `runningMean` → `running_mean`; `conv1` and `fc_out` stay as they are.
    static func snakeCase(_ s: String) -> String {
        var out = ""
        for c in s {
            if c.isUppercase { if !out.isEmpty { out.append("_") }; out += c.lowercased() } else { out.append(c) }
        }
        return out
    }

    // MARK: - Initialisation and running

    /// Initializes every parameter (its own initializer, else `initializer`, else `Uniform(0.07)`); parameters
    /// with unknown dimensions wait for the first forward pass.
    ///
    /// ```swift
    /// try net.initialize()
    /// ```
    /// - Parameter force: re-initialize parameters that already have a value.
    public func initialize(_ initializer: Initializer? = nil, force: Bool = false) throws {
        apply { $0.ownParamsReady = false }
        for (_, p) in collectParams() { try p.initialize(initializer, force: force) }
    }

    /// Fills unknown parameter dimensions from the first inputs (MXNet 2.0's `infer_shape`); layers with
    /// deferred shapes override it. The default does nothing.
    open func inferShape(_ inputs: [NDArray]) throws {}

    /// The computation on one input. Override it (or ``forward(_:)-([NDArray])``).
    open func forward(_ x: NDArray) throws -> NDArray {
        throw MXNetError("\(type(of: self)) does not implement forward(_:)")
    }

    /// The computation on several inputs; by default the one-input ``forward(_:)-(NDArray)``.
    open func forward(_ inputs: [NDArray]) throws -> [NDArray] {
        guard inputs.count == 1 else {
            throw MXNetError("\(type(of: self)) takes one input, got \(inputs.count); override forward(_: [NDArray])")
        }
        return [try forward(inputs[0])]
    }

    /// Runs the block: completes deferred initialisation of its own parameters from the inputs, then `forward`.
    /// - Throws: errors of shape inference, initialisation or `forward`.
    open func call(_ inputs: [NDArray]) throws -> [NDArray] {
        try finishDeferredInit(inputs)
        return try forward(inputs)
    }

    func finishDeferredInit(_ inputs: [NDArray]) throws {
        if ownParamsReady { return }
        let own = ownParams
        guard own.contains(where: { $0.parameter.isDeferred }) else {
            ownParamsReady = own.allSatisfy { $0.parameter.isInitialized }
            return
        }
        try inferShape(inputs)
        for (_, p) in own where p.isDeferred { try p.finishDeferredInit() }
    }

    /// Runs the block on one input.
    public func callAsFunction(_ x: NDArray) throws -> NDArray {
        let out = try call([x])
        guard out.count == 1 else { throw MXNetError("\(type(of: self)) returned \(out.count) outputs; call it with an array of inputs") }
        return out[0]
    }

    /// Runs the block on several inputs.
    public func callAsFunction(_ inputs: [NDArray]) throws -> [NDArray] { try call(inputs) }

    /// Sets every parameter's gradient to zeros.
    public func zeroGrad() throws { for (_, p) in collectParams() { try p.zeroGrad() } }

    /// Converts every parameter to `dtype`.
    public func cast(_ dtype: DType) throws { for (_, p) in collectParams() { try p.cast(dtype) } }

    /// Applies `body` to this block and every descendant (children before parents, as MXNet's `apply`).
    public func apply(_ body: (Block) throws -> Void) rethrows {
        for (_, c) in children { try c.apply(body) }
        try body(self)
    }
}
