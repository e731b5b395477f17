/// Writes a graph as MXNet symbol JSON (the nnvm form with `nodes`, `arg_nodes`, `node_row_ptr`, `heads`),
/// which MXNet 1.9.1's `mx.sym.load` reads. Nodes loaded from a symbol file are written with the file's op names
/// and attribute strings (see ``GraphNode/spelling``), recorded nodes with their canonical names. Where a
/// kernel computes in a promoted dtype, an explicit `Cast`
/// node is written so that MXNet, whose 1.x operators do not promote, computes the same thing (except casts to
/// bool: conditions are read as truth values from any dtype).
///
/// ```swift
/// let g = try DeferredCompute.trace(inputs: ["data": x]) { v in [try np.exp(v[0])] }
/// try g.symbolJSON().write(toFile: "model-symbol.json", atomically: true, encoding: .utf8)
/// ```
public struct SymbolJSONWriter {
    public init() {}

    /// The JSON text of the graph computing `outputs`; `numpyShapes` marks it `is_np_shape` (shapes where 0 is
    /// a size and -1 unknown).
    /// - Throws: ``MXNetError`` for a graph with a cycle.
    public func write(outputs: [GraphEntry], numpyShapes: Bool = false) throws -> String {
        let order = try GraphExecutor.topologicalOrder(outputs, stopAtCached: false)
        var nodes: [String] = []
        var argNodes: [Int] = []
        var rowPtr: [Int] = [0]
        var index: [ObjectIdentifier: Int] = [:]
        func emit(_ json: String, outputs: Int) -> Int {
            nodes.append(json)
            rowPtr.append(rowPtr.last! + outputs)
            return nodes.count - 1
        }
        for node in order {
            if node.isVariable {
                let attrs = node.hiddenAttributes.isEmpty ? "" : ", \"attrs\": \(object(node.hiddenAttributes.sorted { $0.key < $1.key }))"
                let i = emit("{\"op\": \"null\", \"name\": \(quote(node.name))\(attrs), \"inputs\": []}", outputs: 1)
                argNodes.append(i)
                index[ObjectIdentifier(node)] = i
                continue
            }
            let op = node.op!
            var inputs: [String] = []
            for (k, e) in node.inputs.enumerated() {
                var ref = "[\(index[ObjectIdentifier(e.node)]!), \(e.index), 0]"
                // A bool kernel input is a truth value, which MXNet's operators read from any dtype themselves.
                if k < node.kernelTypes.count, node.kernelTypes[k] != e.dtype, node.kernelTypes[k] != .bool {
                    let cast = emit("{\"op\": \"Cast\", \"name\": \(quote("\(node.name)_cast\(k)")), " +
                                    "\"attrs\": {\"dtype\": \(quote(node.kernelTypes[k].name))}, \"inputs\": [\(ref)]}",
                                    outputs: 1)
                    ref = "[\(cast), 0, 0]"
                }
                inputs.append(ref)
            }
            var opName = op.name
            var attrs = op.attributes(of: node.params) + node.hiddenAttributes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            if let spelling = node.spelling {
                // A loaded node: the file's own op name and attribute strings, sorted as MXNet writes them.
                opName = spelling.op
                attrs = spelling.attributes.merging(node.hiddenAttributes) { a, _ in a }.sorted { $0.key < $1.key }
                    .map { ($0.key, $0.value) }
            }
            let attrText = attrs.isEmpty ? "" : ", \"attrs\": \(object(attrs))"
            let i = emit("{\"op\": \(quote(opName)), \"name\": \(quote(node.name))\(attrText), " +
                         "\"inputs\": [\(inputs.joined(separator: ", "))]}", outputs: op.numOutputs(node.params))
            index[ObjectIdentifier(node)] = i
        }
        let heads = outputs.map { "[\(index[ObjectIdentifier($0.node)]!), \($0.index), 0]" }
        return """
        {
          "nodes": [
            \(nodes.joined(separator: ",\n    "))
          ],
          "arg_nodes": [\(argNodes.map(String.init).joined(separator: ", "))],
          "node_row_ptr": [\(rowPtr.map(String.init).joined(separator: ", "))],
          "heads": [\(heads.joined(separator: ", "))],
          "attrs": {\(numpyShapes ? "\"is_np_shape\": [\"int\", 1], " : "")"mxnet_version": ["int", 10901]}
        }
        """
    }

    func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(quote($0.0)): \(quote($0.1))" }.joined(separator: ", ") + "}"
    }

    /// A JSON string literal.
    func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

extension CompiledGraph {
    /// The graph as MXNet symbol JSON (see ``SymbolJSONWriter``).
    public func symbolJSON() throws -> String { try SymbolJSONWriter().write(outputs: outputs) }

    /// Captured constants (parameters) by variable name: the `arg:` values MXNet needs besides the inputs.
    public var boundParameters: [String: NDArray] {
        var out: [String: NDArray] = [:]
        for node in nodes where node.isVariable && !inputNodes.contains(where: { $0 === node }) {
            if let v = node.value { out[node.name] = v }
        }
        return out
    }
}
