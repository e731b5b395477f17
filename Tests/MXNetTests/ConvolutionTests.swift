import Foundation
import MXNet
import TestSupport
import XCTest

/// FullyConnected, Convolution and Deconvolution against MXNet 1.9.1 (`Tests/Fixtures/gen_convolution.py`).
final class ConvolutionTests: XCTestCase {
    func testConvolutionConformance() throws {
        let cases = try Fixtures.cases("convolution")
        XCTAssertGreaterThan(cases.count, 45)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }
}

/// Shape inference from the data shape alone fills in weight and bias shapes (deferred initialisation), as
/// MXNet's symbolic `infer_shape` does.
final class ParameterShapeInferenceTests: XCTestCase {
    func testInferredParameterShapes() throws {
        let url = Fixtures.directory.appendingPathComponent("convolution_shapes.json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let cases = doc?["cases"] as? [[String: Any]] ?? []
        XCTAssertGreaterThanOrEqual(cases.count, 8)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let op = try OperatorRegistry.shared.lookup(c["op"] as? String ?? "")
            let params = try op.parse(c["attrs"] as? [String: String] ?? [:])
            let expected = c["arg_shapes"] as? [[Int]] ?? []
            var shapes: [[Int]?] = [expected.first] + [[Int]?](repeating: nil, count: max(expected.count - 1, 0))
            let out = try op.inferShape(&shapes, params)
            XCTAssertEqual(shapes.map { $0 ?? [] }, expected, name)
            XCTAssertEqual(out, c["out_shapes"] as? [[Int]] ?? [], name)
        }
    }
}

/// A small network (convolution → relu → pooling → dense) recorded under deferred compute replays to the same
/// values as eager calls.
final class LayerGraphTests: XCTestCase {
    func testTracedNetworkMatchesEager() throws {
        func filled(_ shape: [Int], _ scale: Double) throws -> NDArray {
            let n = shape.reduce(1, *)
            return try np.array((0..<n).map { Float(sin(Double($0) * scale)) }, shape: shape)
        }
        let w = try filled([4, 3, 3, 3], 0.7), b = try filled([4], 0.3)
        let fw = try filled([5, 4 * 3 * 3], 0.11), fb = try filled([5], 0.5)
        func net(_ x: NDArray) throws -> NDArray {
            let c = try npx.relu(npx.convolution(x, weight: w, bias: b, kernel: [3, 3], numFilter: 4, pad: [1, 1]))
            let p = try npx.pooling(c, kernel: [2, 2], stride: [2, 2])
            return try npx.fullyConnected(p, weight: fw, bias: fb, numHidden: 5)
        }
        let x1 = try filled([2, 3, 6, 6], 0.37), x2 = try filled([2, 3, 6, 6], 0.91)
        let graph = try DeferredCompute.trace(inputs: ["x": x1]) { v in [try net(v[0])] }
        for x in [x1, x2] {
            let replayed = try graph([x])[0], eager = try net(x)
            XCTAssertEqual(replayed.shape, [2, 5])
            XCTAssertEqual(try replayed.asArray(Float.self), try eager.asArray(Float.self))
        }
    }
}
