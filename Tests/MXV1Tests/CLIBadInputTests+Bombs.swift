import Foundation
import MXV1
import XCTest

extension CLIBadInputTests {
    /// A one-input graph (`x`, shape (2, 3)) whose only operator node is `op`; its params file holds `params`.
    func tinyModel(_ name: String, op: [String: Any], extraNodes: [[String: Any]] = [],
                   params: Data = CLIBadInputTests.list([], names: [])) throws -> String {
        let x: [String: Any] = ["op": "null", "name": "x", "inputs": [Any]()]
        let nodes = [x] + extraNodes + [op]
        let doc: [String: Any] = [
            "nodes": nodes, "arg_nodes": nodes.indices.filter { (nodes[$0]["op"] as? String) == "null" },
            "heads": [[nodes.count - 1, 0, 0]], "attrs": ["mxnet_version": ["int", 10901]],
        ]
        return try makeModel(name, symbol: try JSONSerialization.data(withJSONObject: doc), params: params)
    }

    /// Files that declare far more than they hold, graphs whose values would take terabytes, and files whose
    /// parsing would cost many times their size.
    func bombCases() throws -> [BadCase] {
        let x = try write("x.npy", try NPYFile.encode(np.ones([2, 3])))
        var cases: [BadCase] = []
        // `inspect` reads no values, so only the shapes that cannot be computed at all fail it.
        func graph(_ name: String, _ op: [String: Any], _ expect: [String], extraNodes: [[String: Any]] = [],
                   params: Data = CLIBadInputTests.list([], names: []), inspectFails: Bool = true,
                   input file: String? = nil) throws {
            let model = try tinyModel(name, op: op, extraNodes: extraNodes, params: params)
            let input = (op["inputs"] as? [Any])?.isEmpty == true ? [] : ["--input", "x=\(file ?? x)"]
            cases.append(BadCase(name: name, args: ["run", model, "--out", outDir] + input, expect: [model] + expect))
            guard inspectFails else { return }
            cases.append(BadCase(name: name + "/inspect", args: ["inspect", model] + input, expect: [model] + expect))
        }
        func node(_ op: String, _ attrs: [String: String], inputs: [[Int]] = [[0, 0, 0]]) -> [String: Any] {
            ["op": op, "name": "big", "attrs": attrs, "inputs": inputs]
        }
        // Hostile attributes found by sweeping every operator's integer, tuple and float attributes.
        let huge = "4611686018427387904"
        try graph("attr-num-outputs", node("SliceChannel", ["num_outputs": huge]), ["node 1 ('big')", "num_outputs"])
        try graph("attr-num-args", node("add_n", ["num_args": huge]), ["node 1 ('big')", "num_args"])
        try graph("attr-sections", node("_npi_split", ["sections": huge]), ["node 1 ('big')", "sections"])
        try graph("attr-arange", node("_arange", ["start": "-1e308"], inputs: []), ["node 'big'", "range"])
        let x4 = try write("x4.npy", try NPYFile.encode(np.ones([1, 1, 2, 2])))
        try graph("attr-conv-pad", node("Convolution", ["kernel": "(1, 1)", "num_filter": "1", "no_bias": "True",
                                                        "pad": "(\(huge), \(huge))"], inputs: [[0, 0, 0], [1, 0, 0]]),
                  ["node 'big'", "too large"], extraNodes: [["op": "null", "name": "w", "inputs": [Any]()]], input: x4)
        try graph("attr-deconv-stride", node("Deconvolution", ["kernel": "(1, 1)", "num_filter": "1",
                                                               "stride": "(\(huge), \(huge))"], inputs: [[0, 0, 0], [1, 0, 0]]),
                  ["node 'big'", "too large"], extraNodes: [["op": "null", "name": "w", "inputs": [Any]()]], input: x4)
        // Graph values: refused by the memory check (run) or the size-overflow check (both).
        try graph("bomb-zeros", node("_zeros", ["shape": "(100000, 100000, 100)"], inputs: []), ["node 'big'", "would need"],
                  inspectFails: false)
        try graph("bomb-ones", node("_ones", ["shape": "(30000, 30000)"], inputs: []), ["node 'big'", "would need"],
                  inspectFails: false)
        try graph("bomb-broadcast-like", node("broadcast_to", ["shape": "(1000000, 1000000, 3)"]), ["node 'big'"])
        try graph("bomb-tile", node("tile", ["reps": "(4294967296, 4294967296)"]), ["node 'big'", "too large"])
        try graph("bomb-repeat", node("repeat", ["repeats": "4611686018427387904"]), ["node 'big'", "too large"])
        try graph("bomb-one-hot", node("one_hot", ["depth": "4611686018427387904"]), ["node 'big'", "too large"])
        try graph("bomb-zeros-overflow", node("_zeros", ["shape": "(4294967296, 4294967296, 4294967296)"], inputs: []),
                  ["node 'big'", "too large"])
        // A sparse weight that fits the graph but expands to 24 GiB.
        let weight: [String: Any] = ["op": "null", "name": "w", "inputs": [Any]()]
        try graph("bomb-sparse-weight", node("FullyConnected", ["num_hidden": "2147483648", "no_bias": "True"],
                                             inputs: [[0, 0, 0], [1, 0, 0]]),
                  ["-0000.params", "'w'", "more than"], extraNodes: [weight],
                  params: Self.list([Self.sparseBomb([1 << 31, 3])], names: ["arg:w"]), inspectFails: false)
        // Params and .npy headers declaring terabytes.
        let params = try makeModel("bomb-params", params: Self.list([Self.record([1 << 20, 1 << 20])], names: ["arg:x"]))
        cases += runAndInspect("bomb-params", params, [params + "-0000.params", "need 4398046511104 bytes"])
        let many = try makeModel("bomb-count", params: Self.list([], names: [], count: UInt64(1) << 60))
        cases += runAndInspect("bomb-count", many, [many + "-0000.params", "declares 1152921504606846976 arrays"])
        let records = try makeModel("bomb-records", params: Self.list([], names: [], count: UInt64(2_000_000))
                                    + Data(count: 2_000_000 * 20))
        cases += runAndInspect("bomb-records", records, [records + "-0000.params", "declares 2000000 arrays"])
        let lenet = Self.lenet.appendingPathComponent("model").path
        let header = try npy("bomb-header.npy") { $0.replacingOccurrences(of: "(2, 1, 16, 16)", with: "(1000000, 1000000, 16, 16)") }
        cases.append(BadCase(name: "bomb-npy", args: ["run", lenet, "--input", "data=\(header)", "--out", outDir],
                             expect: [header, "header promises"]))
        // A large .npy whose header is fine but whose shape does not fit the model: refused before its data is read.
        let sparseNPY = try npy("bomb-sparse.npy") { $0.replacingOccurrences(of: "(2, 1, 16, 16)", with: "(200000, 1000, 1, 1)") }
        try FileHandle(forWritingTo: URL(fileURLWithPath: sparseNPY)).truncate(atOffset: 1 << 30)
        cases.append(BadCase(name: "bomb-npy-misfit", args: ["run", lenet, "--input", "data=\(sparseNPY)", "--out", outDir],
                             expect: [lenet, "node 'conv1'", "'weight'", "data (200000, 1000, 1, 1)"]))
        // Symbol files: larger than the limit (a sparse file), or tiny values whose parse tree is huge.
        let big = try makeModel("bomb-symbol-size", symbol: Data())
        try FileHandle(forWritingTo: URL(fileURLWithPath: big + "-symbol.json")).truncate(atOffset: 300 << 20)
        cases += runAndInspect("bomb-symbol-size", big, [big + "-symbol.json", "256 MiB limit"])
        let objects = try makeModel("bomb-json-objects", symbol: Data(("{\"nodes\": [" + Array(repeating: "{}", count: 2_000_000)
            .joined(separator: ",") + "]}").utf8))
        cases += runAndInspect("bomb-json-objects", objects, [objects + "-symbol.json", "JSON objects", "MiB limit"])
        return cases
    }

    /// Attributes that used to trap although the graph is valid: the run succeeds.
    func testHostileButValidAttributesRun() throws {
        let x = try write("x.npy", try NPYFile.encode(np.ones([2, 3])))
        let huge = "4611686018427387904"
        let cases: [(String, [String: Any])] = [
            ("slice-step", ["op": "slice", "name": "s", "attrs": ["begin": "(0, 0)", "end": "(2, 3)", "step": "(\(huge), -\(huge))"],
                            "inputs": [[0, 0, 0]]]),
            ("bitwise-scalar", ["op": "_npi_bitwise_and_scalar", "name": "b", "attrs": ["scalar": "1e308"], "inputs": [[0, 0, 0]]]),
        ]
        for (name, op) in cases {
            let model = try tinyModel(name, op: op)
            let input = (op["inputs"] as? [Any])?.isEmpty == true ? [] : ["--input", "x=\(x)"]
            let r = try run(["run", model, "--out", outDir + "-" + name] + input)
            XCTAssertEqual(r.status, 0, "\(name): \(r.stderr)")
            XCTAssertFalse(r.signalled, name)
        }
    }
}
