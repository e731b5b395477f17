import CJSONC
import Foundation

/// A symbol file's content as written, before any operator is looked up: its nodes (op name, node name,
/// attribute strings, input entries), argument nodes, heads and the MXNet version that wrote it.
///
/// Every form MXNet 1.9.1's loader reads is accepted: the nnvm form (`attrs`, three-element entries,
/// `node_row_ptr`, `attrs.mxnet_version`), and the pre-1.0 forms (`attr` or `param` dictionaries,
/// `backward_source_id`, two-element entries, no version). Parsing uses json-c with a nesting limit, so no input
/// can exhaust the stack; every field is type-checked and every index range-checked.
///
/// ```swift
/// let doc = try SymbolJSONDocument(parsing: text, source: "model-symbol.json")
/// print(doc.nodes.count, doc.version ?? 800)
/// ```
public struct SymbolJSONDocument {
    /// One input or head reference: `[node, index]` or `[node, index, version]`.
    public struct Entry: Equatable {
        public var node: Int
        public var index: Int
        public var version: Int
        public init(node: Int, index: Int, version: Int = 0) {
            self.node = node; self.index = index; self.version = version
        }
    }

    /// One node as written. Variables have `op == "null"`.
    public struct Node {
        public var op: String
        public var name: String
        /// `attrs`, `attr` and `param` merged (MXNet merges them the same way).
        public var attributes: [String: String]
        public var inputs: [Entry]
        public var controlDependencies: [Int]
        /// Whether the node carries `subgraphs` (control-flow operators).
        public var hasSubgraphs: Bool
        public var isVariable: Bool { op == "null" }
    }

    /// Where the text came from (a file name, or `symbol JSON`), for error messages.
    public let source: String
    public var nodes: [Node]
    public var argumentNodes: [Int]
    public var heads: [Entry]
    /// `attrs.mxnet_version` (e.g. 10901 for 1.9.1); nil when the file has none (MXNet then assumes 0.8.0).
    public var version: Int?
    /// `attrs.is_np_shape`: the file was written with NumPy shape semantics (0 is a size, -1 unknown) rather
    /// than MXNet 1.x's (0 unknown).
    public var usesNumpyShapes = false

    /// The largest symbol file read: real models' files are a few megabytes.
    public static let maximumByteCount = 256 << 20
    /// The most memory the parsed JSON tree may take, as ``estimatedParseBytes(_:)`` estimates it: json-c spends
    /// several hundred bytes on each object, so a small file of `{}`s could otherwise exhaust memory. Real models'
    /// files take about 20 times their size.
    public static let maximumParseBytes = 1 << 30
    /// The deepest JSON nesting accepted (MXNet's graphs need about six levels, control-flow subgraphs more).
    public static let maximumDepth = 64

    /// Reads and parses `path`; error messages name the file as `path` spells it.
    /// - Throws: ``MXNetError`` naming the file for an unreadable, oversized or malformed file, or a path that is
    ///   not a regular file (a directory, a FIFO, a device).
    public init(contentsOf path: String) throws {
        let bytes: [UInt8]
        do {
            let file = try RegularFile(path: path)
            guard file.size <= SymbolJSONDocument.maximumByteCount else {
                throw MXNetError("file of \(file.size) bytes is larger than the \(SymbolJSONDocument.maximumByteCount >> 20) MiB limit for symbol files")
            }
            bytes = try file.bytes(0, file.size)
        } catch let e as MXNetError {
            throw MXNetError("\(path): \(e.message)")
        }
        try self.init(parsing: bytes, source: path)
    }

    /// Parses symbol JSON text.
    public init(parsing text: String, source: String = "symbol JSON") throws {
        try self.init(parsing: Array(text.utf8), source: source)
    }

    /// Parses symbol JSON bytes.
    /// - Throws: ``MXNetError`` starting with `source` for malformed JSON or a field of the wrong type.
    public init(parsing bytes: [UInt8], source: String) throws {
        self.source = source
        guard bytes.count <= SymbolJSONDocument.maximumByteCount else {
            throw MXNetError("\(source): \(bytes.count) bytes is larger than the \(SymbolJSONDocument.maximumByteCount >> 20) MiB limit for symbol files")
        }
        guard bytes.contains(where: { !JSONTree.isSpace($0) }) else { throw MXNetError("\(source): the file is empty") }
        let estimate = SymbolJSONDocument.estimatedParseBytes(bytes)
        guard estimate.bytes <= SymbolJSONDocument.maximumParseBytes else {
            throw MXNetError("\(source): \(estimate.objects) JSON objects and \(estimate.arrays) arrays in \(bytes.count) bytes " +
                             "would take about \(estimate.bytes >> 20) MiB to parse, more than the " +
                             "\(SymbolJSONDocument.maximumParseBytes >> 20) MiB limit for symbol files")
        }
        let tree = try JSONTree(bytes, source: source)
        defer { tree.release() }
        let ctx = FieldContext(source: source)
        let root = tree.root
        guard json_object_get_type(root) == json_type_object else {
            throw ctx.error("the top level must be a JSON object with 'nodes', 'arg_nodes' and 'heads'")
        }
        guard let nodesValue = JSONTree.member(root, "nodes") else { throw ctx.error("missing field 'nodes'") }
        let nodeList = try ctx.array(nodesValue, "nodes")
        var nodes: [Node] = []
        nodes.reserveCapacity(nodeList.count)
        for (i, value) in nodeList.enumerated() {
            nodes.append(try Self.node(value, index: i, ctx))
        }
        self.nodes = nodes
        guard let argValue = JSONTree.member(root, "arg_nodes") else { throw ctx.error("missing field 'arg_nodes'") }
        argumentNodes = try ctx.array(argValue, "arg_nodes").enumerated().map { k, v in
            try ctx.index(v, "arg_nodes[\(k)]")
        }
        guard let headValue = JSONTree.member(root, "heads") else { throw ctx.error("missing field 'heads'") }
        heads = try ctx.array(headValue, "heads").enumerated().map { k, v in try ctx.entry(v, "heads[\(k)]") }
        if let rowPtr = JSONTree.member(root, "node_row_ptr") {
            for (k, v) in try ctx.array(rowPtr, "node_row_ptr").enumerated() { _ = try ctx.index(v, "node_row_ptr[\(k)]") }
        }
        version = nil
        if let attrs = JSONTree.member(root, "attrs") {
            guard json_object_get_type(attrs) == json_type_object else { throw ctx.error("field 'attrs' must be an object") }
            // dmlc's typed values: ["int", 10901].
            func typedInt(_ key: String) throws -> Int? {
                guard let v = JSONTree.member(attrs, key) else { return nil }
                let pair = try ctx.array(v, "attrs.\(key)")
                guard pair.count == 2, json_object_get_type(pair[0]) == json_type_string,
                      JSONTree.string(pair[0]) == "int", json_object_get_type(pair[1]) == json_type_int else {
                    throw ctx.error("field 'attrs.\(key)' must be [\"int\", number]")
                }
                let n = json_object_get_int64(pair[1])
                guard n >= 0, n <= Int64(Int32.max) else { throw ctx.error("field 'attrs.\(key)' is out of range: \(n)") }
                return Int(n)
            }
            version = try typedInt("mxnet_version")
            usesNumpyShapes = (try typedInt("is_np_shape") ?? 0) != 0
        }
        try validate()
    }

    /// The memory json-c's tree of `bytes` would take, estimated from one pass over the text (strings skipped):
    /// about 800 bytes per object, 220 per array and 100 per other value (counted by commas and colons).
    static func estimatedParseBytes(_ bytes: [UInt8]) -> (bytes: Int, objects: Int, arrays: Int) {
        var objects = 0, arrays = 0, separators = 0
        var inString = false, escaped = false
        bytes.withUnsafeBufferPointer { buffer in
            for b in buffer {
                if inString {
                    if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                    continue
                }
                switch b {
                case 0x22: inString = true
                case 0x7B: objects += 1
                case 0x5B: arrays += 1
                case 0x2C, 0x3A: separators += 1
                default: break
                }
            }
        }
        return (objects * 800 + arrays * 220 + (separators + 1) * 100, objects, arrays)
    }

    /// The operators the file uses, with how many nodes use each, in order of first use.
    public var operatorCounts: [(name: String, count: Int)] {
        var counts: [String: Int] = [:], order: [String] = []
        for node in nodes where !node.isVariable {
            if counts[node.op] == nil { order.append(node.op) }
            counts[node.op, default: 0] += 1
        }
        return order.map { ($0, counts[$0]!) }
    }

    /// The operators the file uses that `registry` lacks, with their node counts.
    public func unsupportedOperators(in registry: OperatorRegistry = .shared) -> [(name: String, count: Int)] {
        operatorCounts.filter { registry.find($0.name) == nil }
    }

    /// Checks references: entries name existing nodes, argument nodes are variables.
    private func validate() throws {
        for (i, node) in nodes.enumerated() {
            for (k, e) in node.inputs.enumerated() where e.node >= nodes.count {
                throw MXNetError("\(source): node \(i) ('\(node.name)'): inputs[\(k)] refers to node \(e.node), " +
                                 "but the file has \(nodes.count) nodes")
            }
            for (k, d) in node.controlDependencies.enumerated() where d >= nodes.count {
                throw MXNetError("\(source): node \(i) ('\(node.name)'): control_deps[\(k)] refers to node \(d), " +
                                 "but the file has \(nodes.count) nodes")
            }
            if node.isVariable && !node.inputs.isEmpty {
                throw MXNetError("\(source): node \(i) ('\(node.name)'): a variable (op \"null\") cannot have inputs")
            }
        }
        for (k, a) in argumentNodes.enumerated() {
            guard a < nodes.count else {
                throw MXNetError("\(source): arg_nodes[\(k)] refers to node \(a), but the file has \(nodes.count) nodes")
            }
            guard nodes[a].isVariable else {
                throw MXNetError("\(source): arg_nodes[\(k)] refers to node \(a) ('\(nodes[a].name)'), which is not a variable")
            }
        }
        guard !heads.isEmpty else { throw MXNetError("\(source): field 'heads' is empty: the graph has no outputs") }
        for (k, h) in heads.enumerated() where h.node >= nodes.count {
            throw MXNetError("\(source): heads[\(k)] refers to node \(h.node), but the file has \(nodes.count) nodes")
        }
    }

    private static func node(_ value: OpaquePointer, index i: Int, _ outer: FieldContext) throws -> Node {
        var ctx = outer
        ctx.node = "node \(i)"
        guard json_object_get_type(value) == json_type_object else { throw ctx.error("must be a JSON object") }
        guard let opValue = JSONTree.member(value, "op") else { throw ctx.error("missing field 'op'") }
        let op = try ctx.string(opValue, "op")
        guard let nameValue = JSONTree.member(value, "name") else { throw ctx.error("missing field 'name'") }
        let name = try ctx.string(nameValue, "name")
        ctx.node = "node \(i) ('\(name)')"
        guard let inputsValue = JSONTree.member(value, "inputs") else { throw ctx.error("missing field 'inputs'") }
        let inputs = try ctx.array(inputsValue, "inputs").enumerated().map { k, v in try ctx.entry(v, "inputs[\(k)]") }
        var attributes: [String: String] = [:]
        for key in ["attr", "attrs"] {
            if let a = JSONTree.member(value, key) { attributes.merge(try ctx.dictionary(a, key)) { _, new in new } }
        }
        if let p = JSONTree.member(value, "param") {
            attributes.merge(try ctx.dictionary(p, "param")) { old, _ in old }
        }
        var deps: [Int] = []
        if let d = JSONTree.member(value, "control_deps") {
            deps = try ctx.array(d, "control_deps").enumerated().map { k, v in try ctx.index(v, "control_deps[\(k)]") }
        }
        if let b = JSONTree.member(value, "backward_source_id") {
            let t = json_object_get_type(b)
            guard t == json_type_int else { throw ctx.error("field 'backward_source_id' must be an integer") }
        }
        var hasSubgraphs = false
        if let s = JSONTree.member(value, "subgraphs") {
            hasSubgraphs = !(try ctx.array(s, "subgraphs")).isEmpty
        }
        return Node(op: op, name: name, attributes: attributes, inputs: inputs, controlDependencies: deps,
                    hasSubgraphs: hasSubgraphs)
    }
}

/// Names the file, node and field in parse errors.
struct FieldContext {
    let source: String
    var node: String?

    func error(_ message: String) -> MXNetError {
        MXNetError(node.map { "\(source): \($0): \(message)" } ?? "\(source): \(message)")
    }

    func array(_ v: OpaquePointer, _ field: String) throws -> [OpaquePointer] {
        guard json_object_get_type(v) == json_type_array else { throw error("field '\(field)' must be an array") }
        let n = json_object_array_length(v)
        var out: [OpaquePointer] = []
        out.reserveCapacity(n)
        for k in 0..<n {
            guard let item = json_object_array_get_idx(v, k) else { throw error("field '\(field)[\(k)]' is null") }
            out.append(item)
        }
        return out
    }

    func string(_ v: OpaquePointer, _ field: String) throws -> String {
        guard json_object_get_type(v) == json_type_string else { throw error("field '\(field)' must be a string") }
        return JSONTree.string(v)
    }

    /// A node index or count: a non-negative integer below 2^32, as MXNet stores them.
    func index(_ v: OpaquePointer, _ field: String) throws -> Int {
        guard json_object_get_type(v) == json_type_int else { throw error("field '\(field)' must be a non-negative integer") }
        let n = json_object_get_int64(v)
        guard n >= 0, n <= Int64(UInt32.max) else { throw error("field '\(field)' is out of range: \(JSONTree.text(v))") }
        return Int(n)
    }

    func entry(_ v: OpaquePointer, _ field: String) throws -> SymbolJSONDocument.Entry {
        let parts = try array(v, field)
        guard parts.count == 2 || parts.count == 3 else {
            throw error("field '\(field)' must be [node, output] or [node, output, version]")
        }
        let values = try parts.enumerated().map { k, p in try index(p, "\(field)[\(k)]") }
        return .init(node: values[0], index: values[1], version: parts.count == 3 ? values[2] : 0)
    }

    func dictionary(_ v: OpaquePointer, _ field: String) throws -> [String: String] {
        guard json_object_get_type(v) == json_type_object else { throw error("field '\(field)' must be an object") }
        var out: [String: String] = [:]
        for (key, value) in JSONTree.members(v) {
            guard let value, json_object_get_type(value) == json_type_string else {
                throw error("attribute '\(key)' in '\(field)' must be a string")
            }
            out[key] = JSONTree.string(value)
        }
        return out
    }
}

/// A json-c document tree, parsed with a nesting limit.
struct JSONTree {
    let root: OpaquePointer

    init(_ bytes: [UInt8], source: String) throws {
        guard let tok = json_tokener_new_ex(Int32(SymbolJSONDocument.maximumDepth)) else {
            throw MXNetError("\(source): cannot create a JSON parser")
        }
        defer { json_tokener_free(tok) }
        let parsed: OpaquePointer? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                json_tokener_parse_ex(tok, $0, Int32(buf.count))
            }
        }
        let status = json_tokener_get_error(tok)
        guard let parsed, status == json_tokener_success else {
            if let parsed { json_object_put(parsed) }
            let offset = json_tokener_get_parse_end(tok)
            switch status {
            case json_tokener_continue:
                throw MXNetError("\(source): the JSON text is truncated (ends inside a value)")
            case json_tokener_error_depth:
                throw MXNetError("\(source): JSON nesting deeper than \(SymbolJSONDocument.maximumDepth) levels")
            default:
                let desc = json_tokener_error_desc(status).map { String(cString: $0) } ?? "parse error"
                throw MXNetError("\(source): not valid JSON: \(desc) at byte \(offset)")
            }
        }
        let end = json_tokener_get_parse_end(tok)
        if end < bytes.count, bytes[end...].contains(where: { !JSONTree.isSpace($0) }) {
            json_object_put(parsed)
            throw MXNetError("\(source): not valid JSON: unexpected text after the top-level value at byte \(end)")
        }
        root = parsed
    }

    func release() { json_object_put(root) }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    static func member(_ object: OpaquePointer, _ key: String) -> OpaquePointer? {
        var out: OpaquePointer?
        guard json_object_object_get_ex(object, key, &out) != 0 else { return nil }
        return out
    }

    /// The object's members in file order.
    static func members(_ object: OpaquePointer) -> [(String, OpaquePointer?)] {
        var out: [(String, OpaquePointer?)] = []
        var it = json_object_iter_begin(object)
        var end = json_object_iter_end(object)
        while json_object_iter_equal(&it, &end) == 0 {
            let name = json_object_iter_peek_name(&it).map { String(cString: $0) } ?? ""
            out.append((name, json_object_iter_peek_value(&it)))
            json_object_iter_next(&it)
        }
        return out
    }

    /// A string value's bytes as UTF-8 (invalid sequences replaced), embedded NULs kept.
    static func string(_ v: OpaquePointer) -> String {
        guard let p = json_object_get_string(v) else { return "" }
        let n = Int(json_object_get_string_len(v))
        return p.withMemoryRebound(to: UInt8.self, capacity: n) {
            String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self)
        }
    }

    /// A short printed form of a value, for messages.
    static func text(_ v: OpaquePointer) -> String {
        let s = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN).map { String(cString: $0) } ?? "?"
        return s.count > 40 ? String(s.prefix(40)) + "…" : s
    }
}
