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
    /// With `fuseForInference`, the graph is rewritten by ``InferenceFusion`` (batch norm folded into
    /// convolutions, residual adds and ReLUs run in their epilogues) and can then only run in inference mode.
    ///
    /// - Throws: ``MXNetError`` when a shape or dtype cannot be inferred (naming the inputs), shapes disagree,
    ///   or an operator's output shape depends on input values.
    public convenience init(_ graph: SymbolGraph, shapes: [String: [Int]], types: [String: DType],
                            constants: [String: NDArray] = [:], fuseForInference: Bool = false) throws {
        let s = try graph.inferShapes(shapes)
        guard s.unknownInputs.isEmpty else {
            throw MXNetError("\(graph.source): cannot infer the shape of \(s.unknownInputs.joined(separator: ", ")); give it when binding")
        }
        let t = try graph.inferTypes(types)
        guard t.unknownInputs.isEmpty else {
            throw MXNetError("\(graph.source): cannot infer the dtype of \(t.unknownInputs.joined(separator: ", ")); give it when binding")
        }
        var copies: [ObjectIdentifier: GraphNode] = [:]
        // Nodes are in topological order, so every input is copied before its readers.
        func copy(_ node: GraphNode) throws -> GraphNode {
            guard let c = copies[ObjectIdentifier(node)] else {
                throw MXNetError("\(graph.source): node '\(node.name)' is read before it is defined")
            }
            return c
        }
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
            let g = GraphNode(op: op, params: try resolvedCreationParams(op, node.params, outShapes, inputs: node.inputs.count),
                              inputs: try node.inputs.map { GraphEntry(try copy($0.node), $0.index) },
                              name: node.name, outputShapes: outShapes, outputTypes: outTypes,
                              hiddenAttributes: node.hiddenAttributes)
            g.spelling = node.spelling
            g.kernelTypes = kernelTypes
            copies[ObjectIdentifier(node)] = g
        }
        let inputs = try graph.inputNodes.map(copy).filter { $0.value == nil }
        var outputs = try graph.outputs.map { GraphEntry(try copy($0.node), $0.index) }
        if fuseForInference { outputs = try InferenceFusion.apply(outputs) }
        try self.init(inputNodes: inputs, outputs: outputs, inferenceOnly: fuseForInference)
    }

    /// Compiles a loaded model with its `parameters` (weights and auxiliary states, by name) bound as constants;
    /// the remaining inputs (`inputs`: data, by name) are the compiled graph's inputs. Labels of loss-output
    /// operators that are in neither are bound as zeros of their inferred shape. By default the graph is fused
    /// for inference (see ``InferenceFusion``); pass `fuseForInference: false` to keep every node as loaded.
    ///
    /// ```swift
    /// let run = try CompiledGraph(g, parameters: params, inputs: ["data": ([1, 3, 224, 224], .float32)])
    /// let y = try run(named: ["data": x])[0]
    /// ```
    /// - Throws: ``MXNetError`` listing every input that is neither a parameter nor given, or for parameters
    ///   whose shapes disagree with the graph (naming the node and input).
    public convenience init(_ graph: SymbolGraph, parameters: [String: NDArray],
                            inputs: [String: (shape: [Int], dtype: DType)], fuseForInference: Bool = true) throws {
        var shapes = parameters.mapValues(\.shape), types = parameters.mapValues(\.dtype)
        for (name, spec) in inputs { shapes[name] = spec.shape; types[name] = spec.dtype }
        let optional = graph.optionalInputNames
        var missing: [String] = [], labels: [String] = []
        for node in graph.inputNodes where shapes[node.name] == nil {
            if optional.contains(node.name) { labels.append(node.name) } else { missing.append(node.name) }
        }
        guard missing.isEmpty else {
            throw MXNetError("\(graph.source): no value for \(missing.count == 1 ? "input" : "inputs") " +
                             "\(missing.joined(separator: ", ")) (not among the parameters or the inputs)")
        }
        var constants = parameters.filter { k, _ in graph.inputNodes.contains { $0.name == k } }
        for (name, zeros) in try graph.zeroLabels(labels, shapes: shapes, types: types) {
            constants[name] = zeros
            shapes[name] = zeros.shape
            types[name] = zeros.dtype
        }
        try self.init(graph, shapes: shapes, types: types, constants: constants, fuseForInference: fuseForInference)
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

/// A 1.x creation operator's `shape` with 0 dimensions (`_zeros(shape=(2, 0, 6))` in Gluon's begin states), rewritten
/// to the shape inference settled on, so that replaying the node op by op (under autograd or deferred compute)
/// creates what the compiled graph does.
private func resolvedCreationParams(_ op: Operator, _ params: any OpParams, _ shapes: [[Int]], inputs: Int) throws -> any OpParams {
    guard inputs == 0, shapes.count == 1 else { return params }
    var none: [[Int]?] = []
    if let natural = try? op.inferShape(&none, params), natural == shapes { return params }
    var attributes = Dictionary(op.attributes(of: params), uniquingKeysWith: { a, _ in a })
    guard attributes["shape"] != nil else { return params }
    attributes["shape"] = Shape.text(shapes[0])
    return try op.parse(attributes)
}

extension SymbolGraph {
    /// Zero arrays for the unbound labels `names` (see ``optionalInputNames``), shaped and typed as inferred
    /// from the other inputs' `shapes` and `types`.
    /// - Throws: ``MXNetError`` when a label's shape cannot be inferred.
    public func zeroLabels(_ names: [String], shapes: [String: [Int]], types: [String: DType]) throws -> [String: NDArray] {
        guard !names.isEmpty else { return [:] }
        let s = try inferShapes(shapes), t = try inferTypes(types)
        var out: [String: NDArray] = [:]
        for name in names {
            guard let k = argumentNodes.firstIndex(where: { $0.name == name }), let shape = s.arguments[k],
                  !s.unknownInputs.contains(name) else {
                throw MXNetError("\(source): cannot infer the shape of the label '\(name)'")
            }
            out[name] = try np.zeros(shape, dtype: t.arguments[k] ?? .float32)
        }
        return out
    }
}
