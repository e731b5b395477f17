extension CompiledGraph {
    /// Compiles a loaded graph for inputs of the given shapes and dtypes (by name), in inference mode. Inputs
    /// listed in `constants` are bound to those values (labels that inference does not read, for instance);
    /// the others become the compiled graph's inputs, arguments first, then auxiliary states (``inputNames``).
    ///
    /// Buffers are released after their last reader and recycled by size class through the storage pool, so
    /// a forward pass holds only the live intermediate values.
    ///
    /// ```swift
    /// let g = try SymbolGraph(contentsOf: "model-symbol.json")
    /// let run = try CompiledGraph(g, shapes: ["data": [1, 10], "fc_weight": [4, 10], "fc_bias": [4]],
    ///                             types: ["data": .float32, "fc_weight": .float32, "fc_bias": .float32])
    /// let out = try run(named: ["data": x, "fc_weight": w, "fc_bias": b])
    /// ```
    /// - Throws: ``MXNetError`` when a shape or dtype cannot be inferred (naming the inputs), shapes disagree,
    ///   or an operator's output shape depends on input values.
    public convenience init(_ graph: SymbolGraph, shapes: [String: [Int]], types: [String: DType],
                            constants: [String: NDArray] = [:]) throws {
        let s = try graph.inferShapes(shapes)
        guard s.unknownInputs.isEmpty else {
            throw MXNetError("\(graph.source): cannot infer the shape of \(s.unknownInputs.joined(separator: ", ")); give it when binding")
        }
        let t = try graph.inferTypes(types)
        guard t.unknownInputs.isEmpty else {
            throw MXNetError("\(graph.source): cannot infer the dtype of \(t.unknownInputs.joined(separator: ", ")); give it when binding")
        }
        var copies: [ObjectIdentifier: GraphNode] = [:]
        for (i, node) in graph.nodes.enumerated() {
            let outShapes = s.nodeShapes[i].compactMap { $0 }, outTypes = t.nodeTypes[i].compactMap { $0 }
            guard outShapes.count == s.nodeShapes[i].count, outTypes.count == t.nodeTypes[i].count else {
                throw MXNetError("\(graph.source): node '\(node.name)': cannot infer the shapes and dtypes of its outputs")
            }
            guard let op = node.op else {
                let v = GraphNode.variable(node.name, shape: outShapes[0], dtype: outTypes[0])
                v.hiddenAttributes = node.hiddenAttributes
                if let c = constants[node.name] {
                    guard c.shape == outShapes[0] else {
                        throw MXNetError("\(graph.source): '\(node.name)' has shape \(Shape.text(c.shape)), expected \(Shape.text(outShapes[0]))")
                    }
                    v.value = c.dtype == outTypes[0] ? c : try np.astype(c, outTypes[0])
                }
                copies[ObjectIdentifier(node)] = v
                continue
            }
            guard !op.hasDynamicShape else {
                throw MXNetError("\(graph.source): node '\(node.name)': \(op.displayName)'s output shape depends on input values, so the graph cannot be compiled")
            }
            guard let kernelTypes = t.kernelTypes[i] else {
                throw MXNetError("\(graph.source): node '\(node.name)': cannot infer the dtypes of its inputs")
            }
            let g = GraphNode(op: op, params: node.params,
                              inputs: node.inputs.map { GraphEntry(copies[ObjectIdentifier($0.node)]!, $0.index) },
                              name: node.name, outputShapes: outShapes, outputTypes: outTypes,
                              hiddenAttributes: node.hiddenAttributes)
            g.spelling = node.spelling
            g.kernelTypes = kernelTypes
            copies[ObjectIdentifier(node)] = g
        }
        let inputs = graph.inputNodes.map { copies[ObjectIdentifier($0)]! }.filter { $0.value == nil }
        try self.init(inputNodes: inputs, outputs: graph.outputs.map { GraphEntry(copies[ObjectIdentifier($0.node)]!, $0.index) })
    }

    /// The names of the inputs, in call order.
    public var inputNames: [String] { inputNodes.map(\.name) }

    /// Runs the graph on inputs given by name (every name in ``inputNames``).
    /// - Throws: ``MXNetError`` for a missing input, or one of the wrong shape or dtype.
    public func callAsFunction(named inputs: [String: NDArray]) throws -> [NDArray] {
        try self(inputNodes.map { node in
            guard let x = inputs[node.name] else { throw MXNetError("graph input '\(node.name)' is not given") }
            return x
        })
    }
}
