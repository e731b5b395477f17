/// Deferred compute: np/npx calls record graph nodes (shapes and dtypes inferred at once, so a shape error
/// surfaces at the call that caused it) and compute only when a value is read.
///
/// ```swift
/// let x = np.ones([2, 3])
/// let graph = try DeferredCompute.trace(inputs: ["data": x]) { v in [try np.multiply(v[0], 2)] }
/// let y = try graph([np.full([2, 3], 5)])[0]   // replays the compiled graph: all 10s
/// print(graph.symbolJSON())                   // loads in MXNet with mx.sym.load_json
/// ```
public enum DeferredCompute {
    nonisolated(unsafe) static var depth = 0
    nonisolated(unsafe) static var counter = 0

    /// Whether calls are being recorded rather than computed.
    public static var isActive: Bool { depth > 0 }

    /// Runs `body` with deferred compute on.
    public static func scope<R>(_ body: () throws -> R) rethrows -> R {
        depth += 1
        defer { depth -= 1 }
        return try body()
    }

    /// Makes `array` a named graph variable (MXNet's `dc.set_variable`): later recorded calls read it as an
    /// input rather than as a captured constant.
    public static func setVariable(_ array: NDArray, name: String) {
        let node = GraphNode.variable(name, shape: array.shape, dtype: array.dtype)
        node.value = array.isPending ? nil : NDArray(storage: array.storageIfReady!, shape: array.shape, dtype: array.dtype)
        array.entry = GraphEntry(node)
    }

    /// Records `body` on graph variables named by `inputs` (in the order given; the values are examples that
    /// fix shapes and dtypes) and compiles the graph it builds.
    /// - Throws: any error raised while recording, with the op's name.
    public static func trace(inputs: KeyValuePairs<String, NDArray>,
                             _ body: ([NDArray]) throws -> [NDArray]) throws -> CompiledGraph {
        try trace(namedInputs: inputs.map { ($0.key, $0.value) }, body)
    }

    /// ``trace(inputs:_:)`` with the inputs as a list of (name, example value) pairs.
    public static func trace(namedInputs inputs: [(String, NDArray)],
                             _ body: ([NDArray]) throws -> [NDArray]) throws -> CompiledGraph {
        let vars = inputs.map { name, value -> NDArray in
            let v = NDArray(storage: value.storageIfReady ?? Storage(byteCount: value.size * value.dtype.size),
                            shape: value.shape, dtype: value.dtype)
            setVariable(v, name: name)
            return v
        }
        let outputs = try scope { try body(vars) }
        return try CompiledGraph(inputs: vars, outputs: outputs)
    }

    /// The graph entry for `array`, making a captured-constant variable for plain arrays.
    static func entry(for array: NDArray) -> GraphEntry {
        if let e = array.entry { return e }
        counter += 1
        setVariable(array, name: "_const\(counter)")
        return array.entry!
    }

    static func record(_ op: Operator, _ inputs: [NDArray], _ params: any OpParams) throws -> [NDArray] {
        guard !op.hasDynamicShape else {
            throw MXNetError.op(op.displayName, "output shape depends on input values, so it cannot be recorded under deferred compute")
        }
        let entries = inputs.map(entry(for:))
        var shapes: [[Int]?] = inputs.map { $0.shape }
        let outShapes = try op.inferShape(&shapes, params)
        try Imperative.checkInputShapes(op, params, inputs, shapes)
        var types: [DType?] = inputs.map { $0.dtype }
        let outTypes = try op.inferType(&types, params)
        counter += 1
        let node = GraphNode(op: op, params: params, inputs: entries, name: "\(op.displayName)\(counter)",
                             outputShapes: outShapes, outputTypes: outTypes)
        node.kernelTypes = zip(types, inputs).map { $0.0 ?? $0.1.dtype }
        node.isTraining = autograd.isTraining
        return (0..<outShapes.count).map { NDArray(pending: GraphEntry(node, $0)) }
    }
}
