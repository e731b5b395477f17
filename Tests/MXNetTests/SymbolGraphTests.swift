import Foundation
import MXNet
import TestSupport
import XCTest

/// Symbol JSON loading (`SymbolGraph`) against real MXNet 1.9.1: lists, inference, outputs, upgraded JSON, and
/// the malformed-file corpus (`Tests/Fixtures/gen_symbols.py`).
final class SymbolGraphTests: XCTestCase {
    func testListsMatchMXNet() throws {
        let cases = try GraphCase.all()
        XCTAssertGreaterThanOrEqual(cases.count, 10)
        for c in cases {
            let g = try SymbolGraph(json: c.json, source: c.name)
            XCTAssertEqual(g.argumentNames, c.arguments, "\(c.name): list_arguments")
            XCTAssertEqual(g.outputNames, c.outputNames, "\(c.name): list_outputs")
            XCTAssertEqual(g.auxiliaryStateNames, c.auxiliaryStates, "\(c.name): list_auxiliary_states")
        }
    }

    /// `list_outputs` naming for operators with several or named outputs, and heads that are variables.
    func testOutputNamesMatchMXNet() throws {
        let url = Fixtures.directory.appendingPathComponent("symbols.json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        let cases = doc["output_names"] as? [[String: Any]] ?? []
        var checked = 0
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let doc = try SymbolJSONDocument(parsing: c["json"] as? String ?? "", source: name)
            if !doc.unsupportedOperators().isEmpty { continue }   // checked once the operator is registered
            let g = try SymbolGraph(document: doc)
            XCTAssertEqual(g.outputNames, c["list_outputs"] as? [String], name)
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 20)
    }

    func testShapeInferenceMatchesMXNet() throws {
        for c in try GraphCase.all() {
            let g = try SymbolGraph(json: c.json, source: c.name)
            let full = try g.inferShapes(c.shapes.given)
            XCTAssertTrue(full.isComplete, "\(c.name): unknown \(full.unknownInputs)")
            XCTAssertEqual(full.arguments, c.shapes.arguments, "\(c.name): argument shapes")
            XCTAssertEqual(full.outputs, c.shapes.outputs, "\(c.name): output shapes")
            XCTAssertEqual(full.auxiliaryStates, c.shapes.auxiliaryStates, "\(c.name): auxiliary shapes")
            // MXNet also propagates shapes with unknown (0) dimensions, giving placeholders that differ from the
            // complete answer; we report those as unknown.
            let partial = try g.inferShapes(c.partialShapes.given)
            func same(_ ours: [[Int]?], _ theirs: [[Int]?], _ complete: [[Int]?], _ what: String) {
                XCTAssertEqual(ours.count, theirs.count, "\(c.name): \(what)")
                for (k, (a, b)) in zip(ours, theirs).enumerated() where a != b {
                    if a == nil, let b, b.contains(0) || (k < complete.count && complete[k] != b) { continue }
                    XCTFail("\(c.name): \(what): \(ours) != \(theirs)")
                }
            }
            same(partial.arguments, c.partialShapes.arguments, c.shapes.arguments, "partial argument shapes")
            same(partial.outputs, c.partialShapes.outputs, c.shapes.outputs, "partial output shapes")
            same(partial.auxiliaryStates, c.partialShapes.auxiliaryStates, c.shapes.auxiliaryStates, "partial aux shapes")
        }
    }

    func testTypeInferenceMatchesMXNet() throws {
        for c in try GraphCase.all() {
            let g = try SymbolGraph(json: c.json, source: c.name)
            let t = try g.inferTypes(c.types.given)
            guard let args = c.types.arguments else {
                XCTAssertFalse(t.isComplete, "\(c.name): MXNet could not infer every dtype")
                continue
            }
            XCTAssertEqual(t.arguments, args.map { $0 }, "\(c.name): argument dtypes")
            XCTAssertEqual(t.outputs, c.types.outputs?.map { $0 }, "\(c.name): output dtypes")
            XCTAssertEqual(t.auxiliaryStates, c.types.auxiliaryStates?.map { $0 }, "\(c.name): auxiliary dtypes")
        }
    }

    /// Runs each graph on the core executor with MXNet's inputs; labels are left out (bound as zeros).
    func testOutputsMatchMXNet() throws {
        var passed = 0
        for c in try GraphCase.all() {
            let g = try SymbolGraph(json: c.json, source: c.name)
            let shapes = try g.inferShapes(c.inputs.mapValues(\.shape))
            var constants: [String: NDArray] = [:]
            for name in c.omitted {
                XCTAssertTrue(g.optionalInputNames.contains(name), "\(c.name): \(name) is optional")
                let i = try XCTUnwrap(g.argumentNames.firstIndex(of: name))
                constants[name] = try np.zeros(XCTUnwrap(shapes.arguments[i]))
            }
            let run = try CompiledGraph(g, shapes: c.inputs.mapValues(\.shape), types: c.inputs.mapValues(\.dtype),
                                        constants: constants)
            let outs = try run(named: c.inputs)
            XCTAssertEqual(outs.count, c.outputs.count, c.name)
            var ok = true
            for (k, (o, e)) in zip(outs, c.outputs).enumerated() {
                XCTAssertEqual(o.shape, e.shape, "\(c.name) output \(k)")
                XCTAssertEqual(o.dtype, e.dtype, "\(c.name) output \(k)")
                let a = try o.asArray(Double.self), b = try e.asArray(Double.self)
                for i in 0..<min(a.count, b.count) where !(abs(a[i] - b[i]) <= c.atol + c.rtol * abs(b[i])) {
                    XCTFail("\(c.name) output \(k) element \(i): \(a[i]) != \(b[i])")
                    ok = false
                    break
                }
            }
            if ok { passed += 1 }
        }
        XCTAssertGreaterThanOrEqual(passed, 10)
    }

    /// Our JSON of a loaded graph is MXNet's own `tojson` of it: same nodes in the same order, the same
    /// (upgraded) attributes, argument nodes and heads.
    func testWrittenJSONMatchesMXNetToJSON() throws {
        for c in try GraphCase.all() {
            let g = try SymbolGraph(json: c.json, source: c.name)
            let ours = try GraphCase.canonical(g.json()), theirs = try GraphCase.canonical(c.mxnetJSON)
            let written = try g.json()
            XCTAssertEqual(NSDictionary(dictionary: ours), NSDictionary(dictionary: theirs), "\(c.name): \(written)")
        }
    }

    /// The JSON we write loads in MXNet 1.9.1 (with 1.x shape semantics, as the graphs were made) and computes the
    /// same outputs.
    func testWrittenJSONRunsInMXNet() throws {
        _ = try Oracle.requirePython()
        let cases = try GraphCase.all()
        var requests: [(json: String, arguments: [String: NDArray])] = []
        for c in cases {
            let g = try SymbolGraph(json: c.json, source: c.name)
            var args = c.inputs
            let shapes = try g.inferShapes(c.inputs.mapValues(\.shape))
            for name in c.omitted {
                args[name] = try np.zeros(XCTUnwrap(shapes.arguments[XCTUnwrap(g.argumentNames.firstIndex(of: name))]))
            }
            requests.append((try g.json(), args))
        }
        for (c, result) in zip(cases, try Oracle.runSymbols(requests, legacyShapes: true)) {
            switch result {
            case .failure(let e): XCTFail("\(c.name): MXNet rejected our JSON: \(e)")
            case .success(let outs):
                XCTAssertEqual(outs.count, c.outputs.count, c.name)
                for (o, e) in zip(outs, c.outputs) {
                    assertClose(try o.asArray(Double.self), try e.asArray(Double.self), rtol: c.rtol, atol: c.atol, c.name)
                }
            }
        }
    }

    func testLegacyUpgradesAreRecorded() throws {
        let cases = Dictionary(uniqueKeysWithValues: try GraphCase.all().map { ($0.name, $0) })
        func upgrades(_ name: String) throws -> [String: Int] {
            let g = try SymbolGraph(json: XCTUnwrap(cases[name]).json, source: name)
            return Dictionary(uniqueKeysWithValues: g.upgrades.map { ($0.name, $0.changes) })
        }
        let old = try upgrades("legacy_0_8_conv_bn")
        XCTAssertEqual(old["auxiliary-variables"], 2)
        XCTAssertEqual(old["hidden-keys"], 3)
        XCTAssertEqual(old["initializer-attributes"], 2)
        XCTAssertEqual(try upgrades("legacy_0_9_3_init")["initializer-attributes"], 3)
        XCTAssertEqual(try upgrades("legacy_0_9_4_argmax")["argmax-axis"], 1)
        XCTAssertNil(try upgrades("legacy_0_9_4_argmax")["auxiliary-variables"])
        XCTAssertEqual(try upgrades("legacy_1_6_hidden_keys_forward_refs")["hidden-keys"], 2)
        XCTAssertEqual(try upgrades("mlp_softmax"), [:])
        let g = try SymbolGraph(json: XCTUnwrap(cases["legacy_0_8_conv_bn"]).json)
        XCTAssertNil(g.version)
        XCTAssertEqual(g.operatorCounts.map(\.name), ["Convolution", "BatchNorm", "Activation", "Pooling", "Flatten",
                                                       "FullyConnected", "SoftmaxOutput"])
    }

    /// Every malformed file throws one line that names the problem; none traps or hangs.
    func testMalformedCorpus() throws {
        let files = try MalformedSymbolFile.all()
        XCTAssertGreaterThanOrEqual(files.count, 40)
        for f in files {
            XCTAssertThrowsError(try SymbolGraph(contentsOf: f.path), f.what) { e in
                guard let e = e as? MXNetError else { return XCTFail("\(f.what): not an MXNetError: \(e)") }
                XCTAssertTrue(e.message.contains(f.expect), "\(f.what): '\(e.message)' lacks '\(f.expect)'")
                XCTAssertTrue(e.message.hasPrefix(f.path + ": "), "\(f.what): \(e.message)")
                XCTAssertFalse(e.message.contains("\n"), "\(f.what): one line")
            }
        }
    }

    /// Truncations and byte substitutions of real files load or throw, and whatever loads infers shapes or
    /// throws: nothing traps.
    func testMutatedFilesNeverTrap() throws {
        var rng = SystemRandomNumberGenerator.Seeded(state: 12345)
        let replacements: [UInt8] = Array("0123456789[]{}\",:-e. \\nulltrue".utf8)
        var loaded = 0, rejected = 0, ranCount = 0
        for c in try GraphCase.all() {
            let bytes = Array(c.json.utf8)
            var variants: [[UInt8]] = stride(from: 0, to: bytes.count, by: max(1, bytes.count / 40)).map { Array(bytes[..<$0]) }
            for _ in 0..<120 {
                var b = bytes
                for _ in 0..<(1 + Int(rng.next() % 3)) {
                    b[Int(rng.next() % UInt64(b.count))] = replacements[Int(rng.next() % UInt64(replacements.count))]
                }
                variants.append(b)
            }
            for v in variants {
                do {
                    let g = try SymbolGraph(document: SymbolJSONDocument(parsing: v, source: c.name))
                    _ = try? g.inferShapes(c.shapes.given)
                    _ = try? g.inferTypes(c.types.given)
                    _ = try g.json()
                    loaded += 1
                    var constants: [String: NDArray] = [:]
                    for name in c.omitted where g.argumentNames.contains(name) {
                        if let s = try? g.inferShapes(c.inputs.mapValues(\.shape)),
                           let shape = s.arguments[g.argumentNames.firstIndex(of: name)!] {
                            constants[name] = try np.zeros(shape)
                        }
                    }
                    let inputs = c.inputs.filter { g.inputNodes.map(\.name).contains($0.key) }
                    if let run = try? CompiledGraph(g, shapes: inputs.mapValues(\.shape), types: inputs.mapValues(\.dtype),
                                                    constants: constants) {
                        if (try? run(named: inputs)) != nil { ranCount += 1 }
                    }
                } catch is MXNetError {
                    rejected += 1
                }
            }
        }
        XCTAssertGreaterThan(rejected, 100)
        XCTAssertGreaterThan(loaded, 10)
        XCTAssertGreaterThan(ranCount, 10, "\(loaded) loaded, \(rejected) rejected")
    }

    func testMissingFileAndBadHints() throws {
        XCTAssertThrowsError(try SymbolGraph(contentsOf: "/nonexistent/model-symbol.json")) { e in
            XCTAssertTrue("\(e)".contains("/nonexistent/model-symbol.json: cannot open file"), "\(e)")
        }
        let text = """
        {"nodes": [{"op": "null", "name": "x", "attrs": {"__shape__": "(2, x)"}, "inputs": []},
                   {"op": "null", "name": "y", "attrs": {"__dtype__": "99"}, "inputs": []},
                   {"op": "elemwise_add", "name": "add", "inputs": [[0, 0, 0], [1, 0, 0]]}],
         "arg_nodes": [0, 1], "heads": [[2, 0, 0]], "attrs": {"mxnet_version": ["int", 10901]}}
        """
        let g = try SymbolGraph(json: text, source: "hints.json")
        XCTAssertThrowsError(try g.inferShapes([:])) { e in
            XCTAssertEqual("\(e)", "hints.json: variable 'x': attribute '__shape__' is not a shape: '(2, x)'")
        }
        XCTAssertThrowsError(try g.inferTypes([:])) { e in
            XCTAssertEqual("\(e)", "hints.json: variable 'y': attribute '__dtype__' is not a dtype flag: '99'")
        }
        XCTAssertThrowsError(try g.inferShapes(["z": [1]])) { e in XCTAssertTrue("\(e)".contains("'z' is not an input")) }
    }

    /// Files written with NumPy shape semantics (`is_np_shape`): `()` is a scalar, -1 an unknown dimension;
    /// the flag is written back.
    func testNumPyShapeSemantics() throws {
        let text = """
        {"nodes": [{"op": "null", "name": "x", "attrs": {"__shape__": "()"}, "inputs": []},
                   {"op": "null", "name": "y", "attrs": {"__shape__": "(-1, 3)"}, "inputs": []},
                   {"op": "broadcast_add", "name": "add", "inputs": [[0, 0, 0], [1, 0, 0]]}],
         "arg_nodes": [0, 1], "heads": [[2, 0, 0]],
         "attrs": {"is_np_shape": ["int", 1], "mxnet_version": ["int", 10901]}}
        """
        let g = try SymbolGraph(json: text)
        XCTAssertTrue(g.usesNumpyShapes)
        let s = try g.inferShapes([:])
        XCTAssertEqual(s.arguments, [[], [-1, 3]])
        XCTAssertEqual(try g.inferShapes(["y": [2, 3]]).outputs, [[2, 3]])
        XCTAssertTrue(try g.json().contains("\"is_np_shape\": [\"int\", 1]"))
        let legacy = try SymbolGraph(json: text.replacingOccurrences(of: "\"is_np_shape\": [\"int\", 1], ", with: ""))
        XCTAssertFalse(legacy.usesNumpyShapes)
        XCTAssertThrowsError(try legacy.inferShapes([:])) { e in XCTAssertTrue("\(e)".contains("negative dimension"), "\(e)") }
    }

    /// Parameters bound as constants, data as the only input; unbound labels become zeros; missing
    /// parameters are all listed.
    func testCompileWithParameters() throws {
        let c = try XCTUnwrap(try GraphCase.all().first { $0.name == "legacy_0_8_conv_bn" })
        let g = try SymbolGraph(json: c.json, source: "old-symbol.json")
        let data = try XCTUnwrap(c.inputs["data"])
        var params = c.inputs
        params["data"] = nil
        let run = try CompiledGraph(g, parameters: params, inputs: ["data": (data.shape, data.dtype)])
        XCTAssertEqual(run.inputNames, ["data"])
        let out = try run(named: ["data": data])[0]
        assertClose(try out.asArray(Double.self), try c.outputs[0].asArray(Double.self), rtol: c.rtol, atol: c.atol)
        params["conv_weight"] = nil
        params["bn_moving_var"] = nil
        XCTAssertThrowsError(try CompiledGraph(g, parameters: params, inputs: ["data": (data.shape, data.dtype)])) { e in
            XCTAssertEqual("\(e)", "old-symbol.json: no value for inputs conv_weight, bn_moving_var (not among the parameters or the inputs)")
        }
    }

    /// Shapes that disagree with the graph are refused when binding and when running, naming the input.
    func testShapeMismatches() throws {
        let c = try XCTUnwrap(try GraphCase.all().first { $0.name == "mlp_softmax" })
        let g = try SymbolGraph(json: c.json, source: "mlp.json")
        var shapes = c.inputs.mapValues(\.shape)
        shapes["fc1_weight"] = [16, 11]
        XCTAssertThrowsError(try CompiledGraph(g, shapes: shapes, types: c.inputs.mapValues(\.dtype))) { e in
            XCTAssertTrue("\(e)".contains("mlp.json: node 'fc1'"), "\(e)")
            XCTAssertTrue("\(e)".contains("weight"), "\(e)")
        }
        shapes = c.inputs.mapValues(\.shape)
        shapes["data"] = nil
        XCTAssertThrowsError(try CompiledGraph(g, shapes: shapes, types: c.inputs.mapValues(\.dtype))) { e in
            XCTAssertTrue("\(e)".contains("cannot infer the shape of data"), "\(e)")
        }
        let run = try CompiledGraph(g, shapes: c.inputs.mapValues(\.shape), types: c.inputs.mapValues(\.dtype),
                                    constants: ["softmax_label": try np.zeros([4])])
        var inputs = c.inputs
        inputs["data"] = try np.zeros([5, 10])
        XCTAssertThrowsError(try run(named: inputs)) { e in XCTAssertTrue("\(e)".contains("'data'"), "\(e)") }
        inputs["data"] = nil
        XCTAssertThrowsError(try run(named: inputs)) { e in XCTAssertTrue("\(e)".contains("'data' is not given"), "\(e)") }
    }
}

extension SystemRandomNumberGenerator {
    /// A small seeded generator (SplitMix64) for reproducible mutations.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
