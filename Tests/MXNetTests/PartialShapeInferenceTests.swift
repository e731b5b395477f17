import Foundation
import MXNet
import TestSupport
import XCTest

/// Whole-graph shape inference from partly known shapes against MXNet 1.9.1's `infer_shape_partial` and
/// `infer_shape` (`Tests/Fixtures/gen_infer_shape.py`): shapes flow forward and, where MXNet's operators say so,
/// backward (an operand from the other operand, FullyConnected's batch from its output, a stride-1
/// convolution's input size from its output).
final class PartialShapeInferenceTests: XCTestCase {
    struct Case {
        let name: String
        let json: String
        let given: [String: [Int]]
        /// MXNet's answer, or nil when MXNet refuses the shapes.
        let arguments: [[Int]?]?
        let outputs: [[Int]?]?
        let auxiliaryStates: [[Int]?]?
        let complete: Bool
        /// Why we refuse shapes MXNet accepts.
        let deviation: String?
    }

    static func cases() throws -> [Case] {
        let url = Fixtures.directory.appendingPathComponent("infer_shape.json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        func shapes(_ any: Any?) -> [[Int]?]? {
            (any as? [Any]).map { $0.map { $0 as? [Int] } }
        }
        return (doc["graphs"] as? [[String: Any]] ?? []).map { c in
            let partial = c["partial"] as? [String: Any]
            return Case(name: c["name"] as? String ?? "?", json: c["json"] as? String ?? "",
                        given: (c["given"] as? [String: [Int]]) ?? [:],
                        arguments: shapes(partial?["arguments"]), outputs: shapes(partial?["outputs"]),
                        auxiliaryStates: shapes(partial?["auxiliary_states"]),
                        complete: c["complete"] as? Bool ?? false, deviation: c["deviation"] as? String)
        }
    }

    func testMatchesMXNetInferShapePartial() throws {
        let cases = try Self.cases()
        var matched = 0, refused = 0, deviations = 0
        for c in cases {
            let g = try SymbolGraph(json: c.json, source: c.name)
            if c.deviation != nil || c.arguments == nil {
                XCTAssertThrowsError(try g.inferShapes(c.given), "\(c.name): MXNet refuses these shapes") { e in
                    XCTAssertEqual((e as? MXNetError)?.kind, .invalid, "\(c.name): \(e)")
                    XCTAssertTrue("\(e)".hasPrefix("\(c.name): node '"), "\(c.name): \(e)")
                }
                if c.deviation != nil { deviations += 1 } else { refused += 1 }
                continue
            }
            let s: GraphShapes
            do { s = try g.inferShapes(c.given) } catch {
                XCTFail("\(c.name): \(error)")
                continue
            }
            XCTAssertEqual(s.arguments, c.arguments, "\(c.name): argument shapes")
            XCTAssertEqual(s.outputs, c.outputs, "\(c.name): output shapes")
            XCTAssertEqual(s.auxiliaryStates, c.auxiliaryStates, "\(c.name): auxiliary state shapes")
            XCTAssertEqual(s.isComplete, c.complete, "\(c.name): complete (MXNet's infer_shape answers)")
            if s.arguments == c.arguments && s.outputs == c.outputs && s.auxiliaryStates == c.auxiliaryStates {
                matched += 1
            }
        }
        XCTAssertGreaterThanOrEqual(matched, 200)
        XCTAssertGreaterThanOrEqual(refused, 7)
        print("partial shape inference: \(matched) graphs match MXNet, \(refused) refused as MXNet does, " +
              "\(deviations) documented deviations")
    }

    /// Graphs with NumPy shape semantics mark unknown dimensions with -1; 0 is a size.
    func testGraphsWithNumPyShapesUseMinusOne() throws {
        let text = """
        {"nodes": [{"op": "null", "name": "a", "inputs": []},
                   {"op": "null", "name": "b", "inputs": []},
                   {"op": "null", "name": "fc_weight", "inputs": []},
                   {"op": "null", "name": "fc_bias", "inputs": []},
                   {"op": "FullyConnected", "name": "fc", "attrs": {"num_hidden": "4"},
                    "inputs": [[0, 0, 0], [2, 0, 0], [3, 0, 0]]},
                   {"op": "elemwise_add", "name": "add", "inputs": [[4, 0, 0], [1, 0, 0]]}],
         "arg_nodes": [0, 1, 2, 3], "heads": [[5, 0, 0]],
         "attrs": {"is_np_shape": ["int", 1], "mxnet_version": ["int", 10901]}}
        """
        let g = try SymbolGraph(json: text)
        // 0 is a size with NumPy shapes: a zero-size batch is known, -1 is unknown.
        let s = try g.inferShapes(["a": [-1, 3], "b": [0, 4]])
        XCTAssertEqual(s.arguments, [[0, 3], [4, 3], [4], [0, 4]])
        XCTAssertTrue(s.isComplete)
        let p = try g.inferShapes(["a": [-1, 3]])
        XCTAssertEqual(p.arguments, [[-1, 3], [4, 3], [4], [-1, 4]])
        XCTAssertEqual(p.outputs, [[-1, 4]])
        XCTAssertEqual(p.unknownInputs, ["a", "b"])
        XCTAssertFalse(p.isComplete)
    }

    /// Partly known shapes never reach the executor: compiling needs every shape.
    func testCompilingNeedsCompleteShapes() throws {
        let c = try XCTUnwrap(try Self.cases().first { $0.name == "fc_batch_unknown" })
        let g = try SymbolGraph(json: c.json, source: "fc.json")
        XCTAssertThrowsError(try CompiledGraph(g, shapes: c.given, types: ["data": .float32])) { e in
            XCTAssertTrue("\(e)".contains("cannot infer the shape of data"), "\(e)")
        }
        let done = try XCTUnwrap(try Self.cases().first { $0.name == "fc_batch_from_output_3d" })
        let h = try SymbolGraph(json: done.json, source: "fc3d.json")
        let s = try h.inferShapes(done.given)
        let run = try CompiledGraph(h, shapes: Dictionary(uniqueKeysWithValues: zip(h.argumentNames, s.arguments.map { $0! })),
                                    types: ["a": .float32, "b": .float32])
        let out = try run(named: ["a": try np.ones([2, 5, 10]), "fc_weight": try np.ones([10, 50]),
                                  "fc_bias": try np.zeros([10]), "b": try np.ones([2, 10])])
        XCTAssertEqual(out[0].shape, [2, 10])
        XCTAssertEqual(try out[0].asArray(Float.self)[0], 51)
    }
}
