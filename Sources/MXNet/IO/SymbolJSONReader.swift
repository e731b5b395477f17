extension SymbolGraph {
    /// Loads a symbol file (`model-symbol.json`) of any version MXNet 1.9.1 reads, applying its legacy upgrades.
    ///
    /// ```swift
    /// let g = try SymbolGraph(contentsOf: "resnet-symbol.json")
    /// ```
    /// - Throws: ``MXNetError`` naming the file, and the node and field at fault: malformed JSON, unsupported
    ///   operators (all listed at once), bad attributes, out-of-range or cyclic references, wrong input counts.
    public convenience init(contentsOf path: String) throws {
        try self.init(document: try SymbolJSONDocument(contentsOf: path))
    }

    /// Loads symbol JSON text (MXNet's `mx.sym.load_json`).
    public convenience init(json: String, source: String = "symbol JSON") throws {
        try self.init(document: try SymbolJSONDocument(parsing: json, source: source))
    }

    /// Builds the graph from a parsed document: resolves operators, applies upgrades, parses attributes and
    /// links nodes, checking every reference.
    public convenience init(document: SymbolJSONDocument) throws {
        let source = document.source
        let registry = OperatorRegistry.shared
        let unknown = document.unsupportedOperators(in: registry)
        guard unknown.isEmpty else {
            let list = unknown.map { $0.count > 1 ? "\($0.name) (\($0.count) nodes)" : $0.name }
            throw MXNetError("\(source): unsupported operator\(unknown.count > 1 ? "s" : ""): \(list.joined(separator: ", "))")
        }
        let operators = document.nodes.map { $0.isVariable ? nil : registry.find($0.op) }

        let version = document.version ?? LegacyJSONUpgrade.unversioned
        var draft = LegacyGraphDraft(nodes: document.nodes, operators: operators,
                                     reachable: try SymbolGraph.reachable(document), source: source)
        var applied: [AppliedUpgrade] = []
        for step in LegacyJSONUpgrade.all where step.applies(to: version) {
            let changes = try step.apply(&draft)
            applied.append(AppliedUpgrade(name: step.name, summary: step.summary, changes: changes))
        }

        // Build nodes in a depth-first post-order from the heads; the walk also finds cycles.
        var built = [GraphNode?](repeating: nil, count: draft.nodes.count)
        var visiting = [Bool](repeating: false, count: draft.nodes.count)
        func where_(_ i: Int) -> String { "\(source): node \(i) ('\(draft.nodes[i].name)')" }
        func build(_ i: Int) throws {
            var stack: [(node: Int, next: Int)] = [(i, 0)]
            visiting[i] = true
            while let (n, k) = stack.last {
                let inputs = draft.nodes[n].inputs
                if k < inputs.count {
                    stack[stack.count - 1].next += 1
                    let child = inputs[k].node
                    if built[child] != nil { continue }
                    guard !visiting[child] else {
                        throw MXNetError("\(where_(n)): inputs[\(k)] refers to node \(child) ('\(draft.nodes[child].name)'), which depends on this node (a cycle)")
                    }
                    visiting[child] = true
                    stack.append((child, 0))
                } else {
                    stack.removeLast()
                    visiting[n] = false
                    built[n] = try SymbolGraph.makeNode(n, draft, built, where: where_(n))
                }
            }
        }
        var heads: [GraphEntry] = []
        for (k, h) in document.heads.enumerated() {
            if built[h.node] == nil { try build(h.node) }
            let node = built[h.node]!
            let count = node.op.map { $0.numOutputs(node.params) } ?? 1
            guard h.index < count else {
                throw MXNetError("\(source): heads[\(k)] refers to output \(h.index) of node \(h.node) ('\(node.name)'), which has \(count) output\(count == 1 ? "" : "s")")
            }
            heads.append(GraphEntry(node, h.index))
        }
        try self.init(outputs: heads, version: document.version, upgrades: applied, source: source,
                      usesNumpyShapes: document.usesNumpyShapes)
    }

    /// Nodes reachable from the heads, in file order. The walk over indices (cycles included) terminates.
    static func reachable(_ doc: SymbolJSONDocument) throws -> [Int] {
        var seen = [Bool](repeating: false, count: doc.nodes.count)
        var stack = doc.heads.map(\.node)
        while let n = stack.popLast() {
            if seen[n] { continue }
            seen[n] = true
            stack.append(contentsOf: doc.nodes[n].inputs.map(\.node))
        }
        return seen.indices.filter { seen[$0] }
    }

    /// Makes the graph node for file node `i`, whose inputs are built.
    static func makeNode(_ i: Int, _ draft: LegacyGraphDraft, _ built: [GraphNode?], where place: String) throws -> GraphNode {
        let node = draft.nodes[i]
        guard let op = draft.operators[i] else {
            let v = GraphNode.variable(node.name, shape: [], dtype: .float32)
            v.hiddenAttributes = node.attributes
            return v
        }
        var visible: [String: String] = [:], hidden: [String: String] = [:]
        for (k, v) in node.attributes {
            if k.hasPrefix("__") && k.hasSuffix("__") && k.count >= 4 { hidden[k] = v } else { visible[k] = v }
        }
        let params: any OpParams
        do { params = try op.parse(visible) } catch let e as MXNetError { throw MXNetError("\(place): \(e.message)") }
        let names = op.inputNames(params)
        guard node.inputs.count == names.count else {
            throw MXNetError("\(place): \(node.op) expects \(names.count) input\(names.count == 1 ? "" : "s") " +
                             "(\(names.joined(separator: ", "))), the file gives \(node.inputs.count)")
        }
        var inputs: [GraphEntry] = []
        for (k, e) in node.inputs.enumerated() {
            let source = built[e.node]!
            let count = source.op.map { $0.numOutputs(source.params) } ?? 1
            guard e.index < count else {
                throw MXNetError("\(place): input '\(names[k])' refers to output \(e.index) of node \(e.node) " +
                                 "('\(source.name)'), which has \(count) output\(count == 1 ? "" : "s")")
            }
            inputs.append(GraphEntry(source, e.index))
        }
        let n = op.numOutputs(params)
        let g = GraphNode(op: op, params: params, inputs: inputs, name: node.name,
                          outputShapes: Array(repeating: [], count: n), outputTypes: Array(repeating: .float32, count: n),
                          hiddenAttributes: hidden)
        g.spelling = (node.op, visible)
        return g
    }
}
