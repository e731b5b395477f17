import Foundation
import MXV1
import TestSupport
import XCTest

/// `MXV1.Symbol` and `MXV1.Executor` (mx.sym.load / list_* / infer_shape / bind / forward) against real MXNet
/// 1.9.1's answers for the same files (`Tests/Fixtures/gen_symbols.py`).
final class SymbolTests: XCTestCase {
    func auxNames(_ c: GraphCase) -> Set<String> { Set(c.auxiliaryStates) }

    func testLoadFromFileAndList() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mxv1-symbol-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for c in try GraphCase.all() {
            let path = dir.appendingPathComponent("\(c.name)-symbol.json").path
            try c.json.write(toFile: path, atomically: true, encoding: .utf8)
            let sym = try MXV1.Symbol.load(path)
            XCTAssertEqual(sym.listArguments(), c.arguments, c.name)
            XCTAssertEqual(sym.listOutputs(), c.outputNames, c.name)
            XCTAssertEqual(sym.listAuxiliaryStates(), c.auxiliaryStates, c.name)
            XCTAssertEqual(Set(sym.listInputs()), Set(c.arguments + c.auxiliaryStates), c.name)
        }
    }

    func testInferShapeAndType() throws {
        for c in try GraphCase.all() {
            let sym = try MXV1.Symbol.loadJSON(c.json)
            let shapes = try XCTUnwrap(try sym.inferShape(c.shapes.given), c.name)
            XCTAssertEqual(shapes.arguments, c.shapes.arguments.map { $0! }, c.name)
            XCTAssertEqual(shapes.outputs, c.shapes.outputs.map { $0! }, c.name)
            XCTAssertEqual(shapes.auxiliaryStates, c.shapes.auxiliaryStates.map { $0! }, c.name)
            let types = try sym.inferType(c.types.given)
            XCTAssertEqual(types?.arguments, c.types.arguments, c.name)
            XCTAssertEqual(types?.outputs, c.types.outputs, c.name)
            XCTAssertEqual(types?.auxiliaryStates, c.types.auxiliaryStates, c.name)
        }
        // MXNet answers (None, None, None) when the shapes cannot all be inferred, and () in the partial form.
        let mlp = try XCTUnwrap(try GraphCase.all().first { $0.name == "mlp_softmax" })
        let sym = try MXV1.Symbol.loadJSON(mlp.json)
        XCTAssertNil(try sym.inferShape(["fc1_weight": [16, 10]]))
        let partial = try sym.inferShapePartial(["fc1_weight": [16, 10]])
        XCTAssertEqual(partial.arguments.first, [])
        XCTAssertEqual(partial.arguments[1], [16, 10])
        XCTAssertThrowsError(try sym.inferShape(["data": [4, 10], "fc1_weight": [16, 9]]))
    }

    /// `infer_shape_partial` / `infer_shape` on the partial-shape graphs of `Tests/Fixtures/gen_infer_shape.py`:
    /// `[]` for unknown shapes, 0 for unknown dimensions, nil from `infer_shape` unless every shape is known.
    func testInferShapePartialMatchesMXNet() throws {
        let url = Fixtures.directory.appendingPathComponent("infer_shape.json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        var checked = 0
        for c in doc["graphs"] as? [[String: Any]] ?? [] {
            let name = c["name"] as? String ?? "?"
            let sym = try MXV1.Symbol.loadJSON(c["json"] as? String ?? "")
            let given = c["given"] as? [String: [Int]] ?? [:]
            guard let partial = c["partial"] as? [String: Any], c["deviation"] == nil else {
                XCTAssertThrowsError(try sym.inferShapePartial(given), name)
                XCTAssertThrowsError(try sym.inferShape(given), name)
                continue
            }
            func expected(_ key: String) -> [[Int]] { (partial[key] as? [Any] ?? []).map { $0 as? [Int] ?? [] } }
            let p = try sym.inferShapePartial(given)
            XCTAssertEqual(p.arguments, expected("arguments"), name)
            XCTAssertEqual(p.outputs, expected("outputs"), name)
            XCTAssertEqual(p.auxiliaryStates, expected("auxiliary_states"), name)
            let full = try sym.inferShape(given)
            XCTAssertEqual(full != nil, c["complete"] as? Bool, name)
            if let full { XCTAssertEqual(full.arguments, p.arguments, name) }
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 200)
    }

    func testBindAndForwardMatchMXNet() throws {
        var passed = 0
        for c in try GraphCase.all() {
            let sym = try MXV1.Symbol.loadJSON(c.json)
            let aux = c.inputs.filter { auxNames(c).contains($0.key) }
            let args = c.inputs.filter { !auxNames(c).contains($0.key) }
            let ex = try sym.bind(args: args, auxStates: aux)
            let outs = try ex.forward(isTrain: false)
            XCTAssertEqual(outs.count, c.outputs.count, c.name)
            XCTAssertEqual(ex.outputs.count, outs.count)
            for (o, e) in zip(outs, c.outputs) {
                try assertClose(o, try e.asArray(Double.self), shape: e.shape, dtype: e.dtype, rtol: c.rtol, atol: c.atol, c.name)
            }
            for name in c.omitted { XCTAssertNotNil(ex.argDict[name], "\(c.name): label \(name) bound as zeros") }
            passed += 1
        }
        XCTAssertGreaterThanOrEqual(passed, 10)
    }

    func testSimpleBindAndForwardWithNewData() throws {
        let c = try XCTUnwrap(try GraphCase.all().first { $0.name == "conv_bn_pool" })
        let sym = try MXV1.Symbol.loadJSON(c.json)
        let ex = try sym.simpleBind(shapes: ["data": c.inputs["data"]!.shape])
        XCTAssertEqual(Set(ex.argDict.keys), Set(c.arguments))
        XCTAssertEqual(Set(ex.auxDict.keys), Set(c.auxiliaryStates))
        XCTAssertEqual(try ex.forward()[0].shape, c.outputs[0].shape)
        // Rebinding every input through a fresh bind gives MXNet's numbers; forward(kwargs) replaces data.
        let aux = c.inputs.filter { auxNames(c).contains($0.key) }
        let ex2 = try sym.bind(args: c.inputs.filter { !auxNames(c).contains($0.key) }.merging(["data": try np.zerosLike(c.inputs["data"]!)]) { _, b in b },
                               auxStates: aux)
        let out = try ex2.forward(["data": c.inputs["data"]!])[0]
        try assertClose(out, try c.outputs[0].asArray(Double.self), shape: c.outputs[0].shape, rtol: c.rtol, atol: c.atol)
        XCTAssertThrowsError(try ex2.forward(["nope": out])) { e in XCTAssertTrue("\(e)".contains("'nope' is not an argument")) }
        XCTAssertThrowsError(try ex2.forward(["data": try np.zeros([1, 3, 8, 8])])) { e in
            XCTAssertTrue("\(e)".contains("'data' has shape (1, 3, 8, 8), bound as (2, 3, 8, 8)"), "\(e)")
        }
    }

    /// A training-mode forward normalises with batch statistics and moves the running statistics.
    func testTrainingForwardUpdatesAuxiliaryStates() throws {
        let c = try XCTUnwrap(try GraphCase.all().first { $0.name == "conv_bn_pool" })
        let sym = try MXV1.Symbol.loadJSON(c.json)
        let aux = c.inputs.filter { auxNames(c).contains($0.key) }
        let ex = try sym.bind(args: c.inputs.filter { !auxNames(c).contains($0.key) }, auxStates: aux)
        let before = try ex.auxDict["bn0_moving_mean"]!.asArray(Double.self)
        let inference = try ex.forward(isTrain: false)[0].asArray(Double.self)
        XCTAssertEqual(try ex.auxDict["bn0_moving_mean"]!.asArray(Double.self), before)
        let training = try ex.forward(isTrain: true)[0].asArray(Double.self)
        XCTAssertNotEqual(training, inference)
        XCTAssertNotEqual(try ex.auxDict["bn0_moving_mean"]!.asArray(Double.self), before)
        XCTAssertEqual(try aux["bn0_moving_mean"]!.asArray(Double.self), before, "the caller's array is not touched")
    }

    func testBindErrors() throws {
        let c = try XCTUnwrap(try GraphCase.all().first { $0.name == "conv_bn_pool" })
        let sym = try MXV1.Symbol.loadJSON(c.json)
        var args = c.inputs.filter { !auxNames(c).contains($0.key) }
        let aux = c.inputs.filter { auxNames(c).contains($0.key) }
        args["conv0_weight"] = nil
        args["fc0_bias"] = nil
        XCTAssertThrowsError(try sym.bind(args: args, auxStates: aux)) { e in
            XCTAssertTrue("\(e)".contains("'conv0_weight', 'fc0_bias' missing"), "\(e)")
        }
        args = c.inputs.filter { !auxNames(c).contains($0.key) }
        XCTAssertThrowsError(try sym.bind(args: args, auxStates: [:])) { e in
            XCTAssertTrue("\(e)".contains("auxiliary state 'bn0_moving_mean'"), "\(e)")
        }
        args["fc0_weight"] = try np.zeros([3, 65])
        XCTAssertThrowsError(try sym.bind(args: args, auxStates: aux)) { e in
            XCTAssertTrue("\(e)".contains("node 'fc0'"), "\(e)")
        }
    }

    func testToJSONRoundTripAndUnsupportedOperators() throws {
        for c in try GraphCase.all() {
            let sym = try MXV1.Symbol.loadJSON(c.json)
            let again = try MXV1.Symbol.loadJSON(try sym.tojson())
            XCTAssertEqual(again.listArguments(), c.arguments, c.name)
            XCTAssertEqual(again.listAuxiliaryStates(), c.auxiliaryStates, c.name)
            XCTAssertEqual(again.listOutputs(), c.outputNames, c.name)
        }
        let text = """
        {"nodes": [{"op": "null", "name": "x", "inputs": []},
                   {"op": "MyCustomOp", "name": "a", "inputs": [[0, 0, 0]]},
                   {"op": "Activation", "name": "b", "attrs": {"act_type": "relu"}, "inputs": [[1, 0, 0]]},
                   {"op": "MyCustomOp", "name": "c", "inputs": [[2, 0, 0]]},
                   {"op": "_contrib_Unknown", "name": "d", "inputs": [[3, 0, 0]]}],
         "arg_nodes": [0], "heads": [[4, 0, 0]]}
        """
        XCTAssertThrowsError(try MXV1.Symbol.loadJSON(text)) { e in
            XCTAssertEqual("\(e)", "symbol JSON: unsupported operators: MyCustomOp (2 nodes), _contrib_Unknown")
        }
    }
}
