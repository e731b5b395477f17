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
    /// Inference walks the graph until nothing changes; one walk settles a feed-forward graph and a second one
    /// weights shared with an earlier node. The bound keeps adversarial graphs linear.
    static let maximumInferencePasses = 16

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

    func checkNames<S: Sequence>(_ names: S) throws where S.Element == String {
        let inputs = Set(inputNodes.map(\.name))
        for name in names where !inputs.contains(name) {
            throw MXNetError("\(source): '\(name)' is not an input of the graph (inputs: " +
                             "\(inputNodes.map(\.name).joined(separator: ", ")))")
        }
    }
}
