import Foundation
import MXV1
import XCTest

// MARK: - Building the corpus

extension CLIBadInputTests {
    var dataNPY: String { Self.lenet.appendingPathComponent("inputs/data.npy").path }
    var outDir: String { corpus.appendingPathComponent("out").path }

    /// LeNet's symbol JSON as a dictionary. Nodes: 0 data, 3 conv1, 4 tanh1, 5 pool1, 11 flatten, 14 fc1, 20 softmax.
    func originalSymbol() throws -> [String: Any] {
        let data = try Data(contentsOf: Self.lenet.appendingPathComponent("model-symbol.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func originalSymbolData() throws -> Data { try Data(contentsOf: Self.lenet.appendingPathComponent("model-symbol.json")) }
    func originalParamsData() throws -> Data { try Data(contentsOf: Self.lenet.appendingPathComponent("model-0000.params")) }

    /// The checkpoint's arrays with their stored names (`arg:conv1_weight` ...).
    func originalParams() throws -> [(String, NDArray)] {
        let file = try ParamsFile.load(Self.lenet.appendingPathComponent("model-0000.params").path)
        return Array(zip(try XCTUnwrap(file.names), file.arrays))
    }

    /// The symbol JSON with `edit` applied to its dictionary.
    func symbol(_ edit: (inout [String: Any]) throws -> Void) throws -> Data {
        var doc = try originalSymbol()
        try edit(&doc)
        return try JSONSerialization.data(withJSONObject: doc)
    }

    /// The symbol JSON with node `i` edited.
    func symbol(node i: Int, _ edit: (inout [String: Any]) -> Void) throws -> Data {
        try symbol { doc in
            var nodes = try XCTUnwrap(doc["nodes"] as? [[String: Any]])
            edit(&nodes[i])
            doc["nodes"] = nodes
        }
    }

    /// Writes `DIR/m-symbol.json` and `DIR/m-0000.params` (LeNet's unless given) and returns the prefix `DIR/m`.
    func makeModel(_ name: String, symbol: Data? = nil, params: Data? = nil) throws -> String {
        let dir = corpus.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try (symbol ?? originalSymbolData()).write(to: dir.appendingPathComponent("m-symbol.json"))
        try (params ?? originalParamsData()).write(to: dir.appendingPathComponent("m-0000.params"))
        return dir.appendingPathComponent("m").path
    }

    /// A directory holding a model whose symbol or params file is replaced by `make` (a directory, FIFO, link).
    func makeSpecialModel(_ name: String, replacing file: String, _ make: (String) throws -> Void) throws -> String {
        let prefix = try makeModel(name)
        let path = prefix + file
        try FileManager.default.removeItem(atPath: path)
        try make(path)
        return prefix
    }

    /// `mxv1 run` with LeNet's input, and `mxv1 inspect` (with the input's shape when `shapes`, since the fault
    /// only shows once shapes are known).
    func runAndInspect(_ name: String, _ model: String, _ expect: [String], shapes: Bool = false) -> [BadCase] {
        [BadCase(name: name + "/run", args: ["run", model, "--input", "data=\(dataNPY)", "--out", outDir], expect: expect),
         BadCase(name: name + "/inspect", args: ["inspect", model] + (shapes ? ["--input", "data=\(dataNPY)"] : []),
                 expect: expect)]
    }

    // MARK: Raw .params bytes

    static func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }

    /// An NDArray record: magic, storage type, shape (`ndim` overrides its length), context, dtype flag, `body`.
    static func record(_ shape: [Int64], dtype: Int32 = 0, magic: UInt32 = 0xF993_FAC9, storage: Int32 = 0,
                       ndim: Int32? = nil, body: [UInt8] = []) -> [UInt8] {
        var b = le(magic) + le(storage) + le(ndim ?? Int32(shape.count))
        for d in shape { b += le(d) }
        return b + le(Int32(1)) + le(Int32(0)) + le(dtype) + body
    }

    /// A row_sparse record of dense shape `shape` holding no rows: a few dozen bytes declaring a huge array.
    static func sparseBomb(_ shape: [Int64], magic: UInt32 = 0xF993_FAC9) -> [UInt8] {
        var b = le(magic) + le(Int32(1))                               // row_sparse
        b += le(Int32(shape.count)) + le(Int64(0)) + shape.dropFirst().flatMap { le($0) }   // storage shape (0, ...)
        b += le(Int32(shape.count)) + shape.flatMap { le($0) }        // dense shape
        b += le(Int32(1)) + le(Int32(0)) + le(Int32(0))               // cpu, float32
        b += le(Int32(6)) + le(Int32(1)) + le(Int64(0))               // int64 indices of shape (0,)
        return b
    }

    /// A list file: magic, reserved, count, `records`, then `names`.
    static func list(_ records: [[UInt8]], names: [String], count: UInt64? = nil) -> Data {
        var b = le(UInt64(0x112)) + le(UInt64(0)) + le(count ?? UInt64(records.count))
        for r in records { b += r }
        b += le(UInt64(names.count))
        for n in names { b += le(UInt64(n.utf8.count)) + Array(n.utf8) }
        return Data(b)
    }

    /// A dense float32 V2 record holding `a`.
    static func denseRecord(_ a: NDArray) throws -> [UInt8] {
        record(a.shape.map(Int64.init), body: try a.asArray(Float.self).flatMap { le($0.bitPattern) })
    }

    /// LeNet's parameters as raw records with their names.
    func originalRecords() throws -> ([[UInt8]], [String]) {
        let named = try originalParams()
        return (try named.map { try Self.denseRecord($0.1) }, named.map(\.0))
    }

    /// LeNet's parameters, plus an unused weight and an unused sparse array declaring a 4 GiB dense shape.
    func paramsWithExtras() throws -> Data {
        var (records, names) = try originalRecords()
        records += [try Self.denseRecord(np.ones([3])), Self.sparseBomb([1 << 30, 1])]
        names += ["arg:bogus_weight", "arg:bogus_bomb"]
        return Self.list(records, names: names)
    }

    // MARK: - Symbol files

    func symbolCases() throws -> [BadCase] {
        var cases: [BadCase] = []
        func add(_ name: String, _ data: Data, _ expect: [String], shapes: Bool = false) throws {
            let model = try makeModel(name, symbol: data)
            cases += runAndInspect(name, model, [model + "-symbol.json"] + expect, shapes: shapes)
        }
        let original = try originalSymbolData()
        try add("sym-empty", Data(), ["the file is empty"])
        try add("sym-whitespace", Data(" \n\t \n".utf8), ["the file is empty"])
        try add("sym-binary", Data((0..<768).map { UInt8($0 % 256) }), ["not valid JSON"])
        try add("sym-text", Data("hello world".utf8), ["not valid JSON"])
        try add("sym-truncated", original.prefix(original.count / 2), ["truncated"])
        try add("sym-truncated-1", original.dropLast(2), ["truncated"])
        try add("sym-trailing", original + Data("}{".utf8), ["unexpected text after the top-level value"])
        try add("sym-array", Data("[1, 2, 3]".utf8), ["top level must be a JSON object"])
        try add("sym-no-nodes", try symbol { $0["nodes"] = nil }, ["missing field 'nodes'"])
        try add("sym-no-heads", try symbol { $0["heads"] = nil }, ["missing field 'heads'"])
        try add("sym-no-arg-nodes", try symbol { $0["arg_nodes"] = nil }, ["missing field 'arg_nodes'"])
        try add("sym-nodes-object", try symbol { $0["nodes"] = [String: Any]() }, ["field 'nodes' must be an array"])
        try add("sym-node-number", try symbol { doc in
            var nodes = doc["nodes"] as! [Any]
            nodes[2] = 5
            doc["nodes"] = nodes
        }, ["node 2", "must be a JSON object"])
        try add("sym-node-no-op", try symbol(node: 3) { $0["op"] = nil }, ["node 3", "missing field 'op'"])
        try add("sym-node-no-name", try symbol(node: 3) { $0["name"] = nil }, ["node 3", "missing field 'name'"])
        try add("sym-node-op-number", try symbol(node: 3) { $0["op"] = 7 }, ["node 3", "field 'op' must be a string"])
        try add("sym-inputs-object", try symbol(node: 4) { $0["inputs"] = ["a": 1] }, ["node 4 ('tanh1')", "'inputs'"])
        try add("sym-attrs-array", try symbol(node: 3) { $0["attrs"] = [1, 2] }, ["node 3 ('conv1')", "'attrs' must be an object"])
        try add("sym-top-attrs-array", try symbol { $0["attrs"] = [1] }, ["field 'attrs' must be an object"])
        try add("sym-cycle", try symbol(node: 3) { $0["inputs"] = [[4, 0, 0], [1, 0, 0], [2, 0, 0]] },
                ["node 3 ('conv1')", "cycle"])
        try add("sym-long-cycle", try symbol(node: 3) { $0["inputs"] = [[14, 0, 0], [1, 0, 0], [2, 0, 0]] }, ["cycle"])
        try add("sym-self-cycle", try symbol(node: 4) { $0["inputs"] = [[4, 0, 0]] }, ["node 4 ('tanh1')", "cycle"])
        try add("sym-input-node-range", try symbol(node: 4) { $0["inputs"] = [[99, 0, 0]] },
                ["node 4 ('tanh1')", "inputs[0] refers to node 99"])
        try add("sym-input-output-range", try symbol(node: 4) { $0["inputs"] = [[3, 5, 0]] },
                ["node 4 ('tanh1')", "output 5 of node 3"])
        try add("sym-input-negative", try symbol(node: 4) { $0["inputs"] = [[-1, 0, 0]] }, ["node 4 ('tanh1')", "inputs[0][0]"])
        try add("sym-input-float", try symbol(node: 4) { $0["inputs"] = [[3.5, 0, 0]] }, ["node 4 ('tanh1')", "inputs[0][0]"])
        try add("sym-input-string", try symbol(node: 4) { $0["inputs"] = [["3", 0, 0]] }, ["node 4 ('tanh1')", "inputs[0][0]"])
        try add("sym-input-short", try symbol(node: 4) { $0["inputs"] = [[3]] }, ["node 4 ('tanh1')", "inputs[0]"])
        try add("sym-input-long", try symbol(node: 4) { $0["inputs"] = [[3, 0, 0, 0]] }, ["node 4 ('tanh1')", "inputs[0]"])
        let huge = String(decoding: try symbol(node: 4) { $0["inputs"] = [[12345, 0, 0]] }, as: UTF8.self)
            .replacingOccurrences(of: "12345", with: "123456789012345678901234567890")
        try add("sym-input-huge", Data(huge.utf8), ["node 4 ('tanh1')", "inputs[0][0]", "out of range"])
        try add("sym-input-int64-max", Data(huge.replacingOccurrences(of: "123456789012345678901234567890",
                                                                      with: "9223372036854775807").utf8),
                ["node 4 ('tanh1')", "inputs[0][0]", "out of range"])
        try add("sym-variable-inputs", try symbol(node: 0) { $0["inputs"] = [[1, 0, 0]] }, ["node 0 ('data')", "cannot have inputs"])
        try add("sym-control-deps", try symbol(node: 4) { $0["control_deps"] = [77] }, ["node 4 ('tanh1')", "control_deps[0]"])
        try add("sym-head-node-range", try symbol { $0["heads"] = [[99, 0, 0]] }, ["heads[0] refers to node 99"])
        try add("sym-head-output-range", try symbol { $0["heads"] = [[20, 3, 0]] }, ["heads[0] refers to output 3 of node 20"])
        try add("sym-heads-empty", try symbol { $0["heads"] = [Any]() }, ["'heads' is empty"])
        try add("sym-arg-nodes-range", try symbol { $0["arg_nodes"] = [0, 1, 999] }, ["arg_nodes[2] refers to node 999"])
        try add("sym-arg-nodes-op", try symbol { $0["arg_nodes"] = [3] }, ["arg_nodes[0] refers to node 3 ('conv1')", "not a variable"])
        try add("sym-unknown-ops", try symbol { doc in
            var nodes = doc["nodes"] as! [[String: Any]]
            nodes[4]["op"] = "FancyOp"; nodes[9]["op"] = "OtherOp"; nodes[15]["op"] = "FancyOp"
            doc["nodes"] = nodes
        }, ["unsupported operators: FancyOp (2 nodes), OtherOp"])
        try add("sym-bad-int-attr", try symbol(node: 3) { $0["attrs"] = ["kernel": "(5, 5)", "num_filter": "abc", "pad": "(2, 2)"] },
                ["node 3 ('conv1')", "num_filter", "'abc'"])
        try add("sym-bad-tuple-attr", try symbol(node: 3) { $0["attrs"] = ["kernel": "(5,", "num_filter": "6"] },
                ["node 3 ('conv1')", "kernel"])
        try add("sym-bad-enum-attr", try symbol(node: 5) { $0["attrs"] = ["kernel": "(2, 2)", "pool_type": "maxx"] },
                ["node 5 ('pool1')", "pool_type", "'maxx'"])
        try add("sym-bad-bool-attr", try symbol(node: 14) { $0["attrs"] = ["num_hidden": "24", "no_bias": "perhaps"] },
                ["node 14 ('fc1')", "no_bias"])
        try add("sym-unknown-attr", try symbol(node: 5) { $0["attrs"] = ["kernel": "(2, 2)", "pool_type": "max", "bogus": "1"] },
                ["node 5 ('pool1')", "'bogus'"])
        try add("sym-missing-attr", try symbol(node: 14) { $0["attrs"] = nil }, ["node 14 ('fc1')", "num_hidden"])
        try add("sym-attr-number", try symbol(node: 3) { $0["attrs"] = ["kernel": "(5, 5)", "num_filter": 6] },
                ["node 3 ('conv1')", "'num_filter'", "must be a string"])
        try add("sym-wrong-input-count", try symbol(node: 3) { $0["inputs"] = [[0, 0, 0], [1, 0, 0]] },
                ["node 3 ('conv1')", "expects 3 inputs"])
        try add("sym-too-many-inputs", try symbol(node: 4) { $0["inputs"] = [[3, 0, 0], [3, 0, 0]] },
                ["node 4 ('tanh1')", "expects 1 input"])
        try add("sym-deep-nesting", Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8),
                ["nesting deeper"])
        try add("sym-deep-open", Data(("{\"nodes\": " + String(repeating: "[", count: 1_000_000)).utf8), ["nesting deeper"])
        try add("sym-deep-in-attrs", try symbol(node: 3) { node in
            var v: Any = "x"
            for _ in 0..<100 { v = [v] }
            node["attrs"] = ["kernel": v]
        }, ["nesting deeper"])
        try add("sym-newline-in-name", try symbol(node: 3) { $0["name"] = "conv\n1"; $0["attrs"] = ["num_filter": "x"] },
                ["node 3 ('conv\\n1')", "num_filter"])
        try add("sym-newline-in-op", try symbol(node: 4) { $0["op"] = "Bad\nOp" }, ["unsupported operator: Bad\\nOp"])
        try add("sym-version-string", try symbol { $0["attrs"] = ["mxnet_version": ["int", "x"]] }, ["attrs.mxnet_version"])
        try add("sym-version-range", try symbol { $0["attrs"] = ["mxnet_version": ["int", -5]] }, ["attrs.mxnet_version"])
        // Faults that show once the data's shape is known.
        try add("sym-kernel-huge", try symbol(node: 3) { $0["attrs"] = ["kernel": "(500000, 500000)", "num_filter": "6"] },
                ["node 'conv1'", "kernel"], shapes: true)
        try add("sym-num-hidden-huge", try symbol(node: 14) { $0["attrs"] = ["num_hidden": "4611686018427387904"] },
                ["'fc1"], shapes: true)
        try add("sym-reshape-bad", try symbol(node: 11) { $0["op"] = "Reshape"; $0["attrs"] = ["shape": "(7, 7)"] },
                ["node 'flatten'", "Reshape"], shapes: true)
        // Hints MXNet only reads when the shape is not given: inspect without inputs reads them.
        for (name, key, value) in [("sym-shape-hint", "__shape__", "(a, b)"), ("sym-dtype-hint", "__dtype__", "99")] {
            let model = try makeModel(name, symbol: try symbol(node: 0) { $0["attrs"] = [key: value] })
            cases.append(BadCase(name: name + "/inspect", args: ["inspect", model], expect: [model + "-symbol.json", "'data'", key]))
        }
        // Not regular files.
        cases += runAndInspect("sym-directory", try makeSpecialModel("sym-directory", replacing: "-symbol.json") {
            try FileManager.default.createDirectory(atPath: $0, withIntermediateDirectories: false)
        }, ["-symbol.json", "is a directory"])
        cases += runAndInspect("sym-fifo", try makeSpecialModel("sym-fifo", replacing: "-symbol.json") {
            XCTAssertEqual(mkfifo($0, 0o600), 0)
        }, ["-symbol.json", "FIFO"])
        cases += runAndInspect("sym-dev-zero", try makeSpecialModel("sym-dev-zero", replacing: "-symbol.json") {
            try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "/dev/zero")
        }, ["-symbol.json", "device"])
        cases += runAndInspect("sym-link-loop", try makeSpecialModel("sym-link-loop", replacing: "-symbol.json") {
            try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: $0)
        }, ["-symbol.json"])
        return cases
    }
}
