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
