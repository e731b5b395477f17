/// A block that can be compiled (MXNet 2.0's `gluon.HybridBlock`).
///
/// After ``hybridize(_:staticAlloc:staticShape:)``, a call records ``Block/forward(_:)-(NDArray)`` under deferred
/// compute once per input signature (shapes, dtypes and training mode), compiles the graph and replays it;
/// a new signature records again. Parameters are inputs of the compiled graph (named by their structural
/// names), so a replay always reads their current values, and under `autograd.record` the replay runs op by op
/// through the tape, so parameter gradients flow as in imperative mode.
///
/// ```swift
/// let net = nn.HybridSequential()
/// net.add(nn.Dense(16, activation: .relu), nn.Dense(2))
/// try net.initialize()
/// net.hybridize()
/// let y = try net(np.ones([4, 8]))      // records and compiles
/// let z = try net(np.zeros([4, 8]))     // replays (net.graphBuildCount == 1)
/// ```
open class HybridBlock: Block {
    /// A recorded, compiled forward pass and the parameters that are its trailing inputs.
    struct CachedGraph {
        let graph: CompiledGraph
        let parameters: [Parameter]
        let parameterNames: [String]
        let inputNames: [String]
        let parameterSignature: [[Int]]
    }

    struct Signature: Hashable {
        let shapes: [[Int]]
        let dtypes: [DType]
        let training: Bool
    }

    /// Whether calls run the compiled graph.
    public private(set) var isHybridized = false
    /// Accepted for MXNet compatibility: buffers are always planned statically per signature.
    public private(set) var staticAlloc = false
    /// Accepted for MXNet compatibility: graphs are always specialised to their input shapes.
    public private(set) var staticShape = false
    var cache: [Signature: CachedGraph] = [:]
    var lastGraph: CachedGraph?
    /// How many times `forward` was recorded and compiled (one per new input signature).
    public private(set) var graphBuildCount = 0
    /// How many compiled graphs are cached.
    public var cachedGraphCount: Int { cache.count }

    public override init() { super.init() }

    /// Turns compilation on (or off) for this block and its descendants; clears cached graphs.
    ///
    /// ```swift
    /// net.hybridize()
    /// ```
    public func hybridize(_ active: Bool = true, staticAlloc: Bool = false, staticShape: Bool = false) {
        apply { block in
            guard let h = block as? HybridBlock else { return }
            h.isHybridized = active
            h.staticAlloc = staticAlloc
            h.staticShape = staticShape
            h.cache = [:]
            h.lastGraph = nil
        }
    }

    open override func call(_ inputs: [NDArray]) throws -> [NDArray] {
        guard isHybridized, !DeferredCompute.isActive, HybridTrace.current == nil else { return try super.call(inputs) }
        let key = Signature(shapes: inputs.map(\.shape), dtypes: inputs.map(\.dtype), training: autograd.isTraining)
        var cached = cache[key]
        if let c = cached, c.parameters.map(\.shape) != c.parameterSignature { cached = nil }
        if cached == nil {
            cached = try record(inputs)
            cache[key] = cached
        }
        let c = cached!
        lastGraph = c
        let args = try inputs + c.parameters.map { try $0.concreteData() }
        return try c.graph(args)
    }

    /// Records `forward` on graph variables shaped like `inputs` and compiles it.
    func record(_ inputs: [NDArray]) throws -> CachedGraph {
        var names: [ObjectIdentifier: String] = [:]
        for (n, p) in collectParams() { names[ObjectIdentifier(p)] = n }
        let trace = HybridTrace(names: names)
        let inputNames = inputs.count == 1 ? ["data"] : (0..<inputs.count).map { "data\($0)" }
        let vars = try zip(inputNames, inputs).map { name, x -> NDArray in
            let v = NDArray(storage: try x.storage(), shape: x.shape, dtype: x.dtype)
            DeferredCompute.setVariable(v, name: name)
            return v
        }
        let training = autograd.isTraining
        let outputs = try autograd.pause(trainMode: training) {
            try trace.run { try DeferredCompute.scope { try super.call(vars) } }
        }
        let graph = try CompiledGraph(inputs: vars + trace.variables, outputs: outputs)
        for v in vars + trace.variables { v.entry?.node.value = nil }
        graphBuildCount += 1
        return CachedGraph(graph: graph, parameters: trace.parameters,
                           parameterNames: trace.parameters.map { names[ObjectIdentifier($0)] ?? $0.name },
                           inputNames: inputNames, parameterSignature: trace.parameters.map(\.shape))
    }
}
