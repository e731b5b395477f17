/// Shapes inferred over a whole ``SymbolGraph`` from some known input shapes; nil marks what stays unknown.
public struct GraphShapes {
    /// Each node's output shapes, by the node's position in ``SymbolGraph/nodes``.
    public let nodeShapes: [[[Int]?]]
    /// Shapes of ``SymbolGraph/argumentNodes``, ``SymbolGraph/outputs`` and ``SymbolGraph/auxiliaryNodes``.
    public let arguments: [[Int]?]
    public let outputs: [[Int]?]
    public let auxiliaryStates: [[Int]?]
    /// Names of the inputs whose shape could not be inferred.
    public let unknownInputs: [String]
    public var isComplete: Bool { unknownInputs.isEmpty && !outputs.contains { $0 == nil } }
}

/// Dtypes inferred over a whole ``SymbolGraph``; nil marks what stays unknown.
public struct GraphTypes {
    public let nodeTypes: [[DType?]]
    /// For each op node (by position): the dtypes its kernel wants for its inputs.
    let kernelTypes: [[DType]?]
    public let arguments: [DType?]
    public let outputs: [DType?]
    public let auxiliaryStates: [DType?]
    public let unknownInputs: [String]
    public var isComplete: Bool { unknownInputs.isEmpty && !outputs.contains { $0 == nil } }
}

extension SymbolGraph {
    /// Inference walks the graph in order until nothing changes; one walk settles a feed-forward graph and a
    /// second one weights shared with an earlier node. The bound keeps adversarial graphs linear.
    static let maximumInferencePasses = 16

    /// Infers every shape it can from `known` input shapes (by argument or auxiliary-state name) and the
    /// variables' `__shape__` hints. Operators fill in their parameters' shapes from their data (a
    /// FullyConnected weight from `num_hidden` and the data), as MXNet's `infer_shape_partial` does. A shape with a
    /// 0 dimension (-1 for graphs with NumPy shape semantics) means "unknown", as in MXNet 1.x, and is only
    /// reported back.
    ///
    /// ```swift
    /// let s = try graph.inferShapes(["data": [2, 5]])
    /// print(s.arguments, s.outputs)   // [[2, 5], [3, 5], [3]] [[2, 3]]
    /// ```
    /// - Throws: ``MXNetError`` for a name that is not an input, a bad `__shape__` hint, or shapes that disagree
    ///   (naming the node and input).
    public func inferShapes(_ known: [String: [Int]]) throws -> GraphShapes {
        try checkNames(known.keys)
        var shapes: [[[Int]?]] = nodes.map { n in Array(repeating: nil, count: n.outputShapes.count) }
        var given: [Int: [Int]] = [:]   // variables' reported shapes that hold unknown (0) dimensions
        for (i, node) in nodes.enumerated() where node.isVariable {
            var shape: [Int]?
            if let s = known[node.name] {
                shape = s
            } else if let hint = node.hiddenAttributes["__shape__"] {
                do { shape = try AttributeValue.parseInts(hint) } catch {
                    throw MXNetError("\(source): variable '\(node.name)': attribute '__shape__' is not a shape: '\(hint)'")
                }
                if shape!.isEmpty && !usesNumpyShapes { shape = nil }   // "()" is an unknown shape in MXNet 1.x
            }
            guard let s = shape else { continue }
            if s.contains(where: { $0 < (usesNumpyShapes ? -1 : 0) }) {
                throw MXNetError("\(source): shape \(Shape.text(s)) given for '\(node.name)' has a negative dimension")
            }
            if s.contains(usesNumpyShapes ? -1 : 0) { given[i] = s } else { shapes[i][0] = s }
        }
        let unknownDimension = usesNumpyShapes ? -1 : 0
        // Operator outputs whose shape holds unknown (0) dimensions in a 1.x graph — `_zeros(shape=(2, 0, 6))`,
        // as Gluon exports begin states — stay unknown until a consumer tells their full shape.
        var partial: [Int: [Int: [Int]]] = [:]
        func fits(_ s: [Int], _ pattern: [Int]?) -> Bool {
            guard let pattern else { return true }
            return pattern.count == s.count && zip(s, pattern).allSatisfy { $1 == unknownDimension || $0 == $1 }
        }
        var changed = true
        var passes = 0
        while changed && passes < SymbolGraph.maximumInferencePasses {
            changed = false
            passes += 1
            for (i, node) in nodes.enumerated() {
                guard let op = node.op else { continue }
                let ins = node.inputs.map { shapes[position[ObjectIdentifier($0.node)]!][$0.index] }
                if !shapes[i].contains(where: { $0 == nil }) && !ins.contains(where: { $0 == nil }) { continue }
                var filled = ins
                // A partial creation output feeding an elementwise operator takes a sibling input's shape when it
                // fits the pattern (MXNet's elementwise rule: operands share one shape).
                let elementwise = op.inputNames(node.params) == ["lhs", "rhs"]
                for (k, e) in node.inputs.enumerated() where elementwise && ins[k] == nil {
                    guard let pattern = partial[position[ObjectIdentifier(e.node)]!]?[e.index] else { continue }
                    filled[k] = ins.compactMap { $0 }.first { fits($0, pattern) }
                }
                let outs: [[Int]]
                do { outs = try op.inferShape(&filled, node.params) } catch let e as MXNetError {
                    // An operator that needs a shape not known yet says so; it may succeed once more is known.
                    if ins.contains(where: { $0 == nil }) && e.kind == .unknownShape { continue }
                    throw MXNetError("\(source): node '\(node.name)': \(e.message)")
                }
                let names = op.inputNames(node.params)
                for (k, e) in node.inputs.enumerated() {
                    guard let s = filled[k] else { continue }
                    let p = position[ObjectIdentifier(e.node)]!
                    // An operator's unknown output is filled from here only when it was a partial shape.
                    if !e.node.isVariable && ins[k] == nil {
                        guard let pattern = partial[p]?[e.index], fits(s, pattern) else { continue }
                    }
                    if let old = shapes[p][e.index] {
                        guard old == s else {
                            let name = k < names.count ? names[k] : "input \(k)"
                            throw MXNetError("\(source): node '\(node.name)': \(op.displayName): input '\(name)' " +
                                             "('\(e.node.name)') has shape \(Shape.text(old)), expected \(Shape.text(s))")
                        }
                    } else {
                        shapes[p][e.index] = s
                        changed = true
                    }
                }
                for (k, s) in outs.enumerated() where k < shapes[i].count && shapes[i][k] == nil {
                    if !usesNumpyShapes && node.inputs.isEmpty && s.contains(0) {
                        if partial[i]?[k] == nil { partial[i, default: [:]][k] = s }
                        continue
                    }
                    shapes[i][k] = s
                    changed = true
                }
            }
        }
        // Given shapes with unknown dimensions must agree with what was inferred.
        for (i, s) in given {
            if let inferred = shapes[i][0] {
                guard inferred.count == s.count, zip(inferred, s).allSatisfy({ $1 == unknownDimension || $0 == $1 }) else {
                    throw MXNetError("\(source): '\(nodes[i].name)' was given shape \(Shape.text(s)), inferred \(Shape.text(inferred))")
                }
            }
        }
        func shape(_ n: GraphNode) -> [Int]? {
            let i = position[ObjectIdentifier(n)]!
            return shapes[i][0] ?? given[i]
        }
        let unknown = inputNodes.filter { shapes[position[ObjectIdentifier($0)]!][0] == nil }.map(\.name)
        return GraphShapes(nodeShapes: shapes, arguments: argumentNodes.map(shape),
                           outputs: outputs.map { shapes[position[ObjectIdentifier($0.node)]!][$0.index] },
                           auxiliaryStates: auxiliaryNodes.map(shape), unknownInputs: unknown)
    }

    /// Infers every dtype it can from `known` input dtypes and the variables' `__dtype__` hints (MXNet's type
    /// flags). Weights take their dtype from the data they meet, as in MXNet's `infer_type`.
    /// - Throws: ``MXNetError`` for a name that is not an input, a bad `__dtype__` hint or conflicting dtypes.
    public func inferTypes(_ known: [String: DType]) throws -> GraphTypes {
        try checkNames(known.keys)
        var types: [[DType?]] = nodes.map { n in Array(repeating: nil, count: n.outputTypes.count) }
        var kernel: [[DType]?] = Array(repeating: nil, count: nodes.count)
        for (i, node) in nodes.enumerated() where node.isVariable {
            if let t = known[node.name] {
                types[i][0] = t
            } else if let hint = node.hiddenAttributes["__dtype__"] {
                do { types[i][0] = try DType(flag: AttributeValue.parseInt(hint)) } catch {
                    throw MXNetError("\(source): variable '\(node.name)': attribute '__dtype__' is not a dtype flag: '\(hint)'")
                }
            }
        }
        var changed = true
        var passes = 0
        while changed && passes < SymbolGraph.maximumInferencePasses {
            changed = false
            passes += 1
            for (i, node) in nodes.enumerated() {
                guard let op = node.op, kernel[i] == nil else { continue }
                let ins = node.inputs.map { types[position[ObjectIdentifier($0.node)]!][$0.index] }
                var filled = ins
                let outs: [DType]
                do { outs = try op.inferType(&filled, node.params) } catch let e as MXNetError {
                    if ins.contains(where: { $0 == nil }) && e.kind == .unknownType { continue }
                    throw MXNetError("\(source): node '\(node.name)': \(e.message)")
                }
                // A variable of unknown dtype takes the dtype the operator wants for it.
                for (k, e) in node.inputs.enumerated() where ins[k] == nil && e.node.isVariable {
                    guard let t = filled[k] else { continue }
                    let p = position[ObjectIdentifier(e.node)]!
                    if types[p][e.index] == nil { types[p][e.index] = t; changed = true }
                }
                for (k, t) in outs.enumerated() where k < types[i].count && types[i][k] == nil {
                    types[i][k] = t
                    changed = true
                }
                if !ins.contains(where: { $0 == nil }) {
                    kernel[i] = zip(filled, ins).map { $0 ?? $1! }
                    changed = true
                }
            }
        }
        func type(_ n: GraphNode) -> DType? { types[position[ObjectIdentifier(n)]!][0] }
        return GraphTypes(nodeTypes: types, kernelTypes: kernel, arguments: argumentNodes.map(type),
                          outputs: outputs.map { types[position[ObjectIdentifier($0.node)]!][$0.index] },
                          auxiliaryStates: auxiliaryNodes.map(type),
                          unknownInputs: inputNodes.filter { type($0) == nil }.map(\.name))
    }

    private func checkNames<S: Sequence>(_ names: S) throws where S.Element == String {
        let inputs = Set(inputNodes.map(\.name))
        for name in names where !inputs.contains(name) {
            throw MXNetError("\(source): '\(name)' is not an input of the graph (inputs: " +
                             "\(inputNodes.map(\.name).joined(separator: ", ")))")
        }
    }
}
