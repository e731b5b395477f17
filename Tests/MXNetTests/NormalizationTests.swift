import Foundation
import MXNet
import TestSupport
import XCTest

/// BatchNorm, LayerNorm, GroupNorm, InstanceNorm and L2Normalization against MXNet 1.9.1
/// (`Tests/Fixtures/gen_normalization.py`).
final class NormalizationTests: XCTestCase {
    func testNormalizationConformance() throws {
        let cases = try Fixtures.cases("normalization")
        XCTAssertGreaterThanOrEqual(cases.count, 39)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }

    /// A training step updates the running statistics in place (MXNet 1.9.1 does it in the backward pass; here the
    /// forward pass does it, so the values after forward + backward agree).
    func testBatchNormUpdatesRunningStatistics() throws {
        let url = Fixtures.directory.appendingPathComponent("normalization_aux.json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let cases = try XCTUnwrap(doc?["cases"] as? [[String: Any]])
        XCTAssertEqual(cases.count, 3)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let inputs = try (c["inputs"] as? [Any] ?? []).map { try Fixtures.array($0, name) }
            let attrs = c["attrs"] as? [String: String] ?? [:]
            inputs[0].attachGrad()
            let out = try autograd.record { try Imperative.invoke("BatchNorm", inputs, attributes: attrs) }
            try out[0].backward()
            let mean = try Fixtures.array(c["moving_mean"]!, name), variance = try Fixtures.array(c["moving_var"]!, name)
            try assertClose(inputs[3], mean.asArray(Double.self), shape: mean.shape, rtol: 1e-4, atol: 1e-5, name)
            try assertClose(inputs[4], variance.asArray(Double.self), shape: variance.shape, rtol: 1e-4, atol: 1e-5, name)
        }
    }

    func testBatchNormInferenceLeavesRunningStatistics() throws {
        let x = try np.array([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
        let mean = try np.zeros([3]), variance = try np.ones([3])
        _ = try npx.batchNorm(x, gamma: np.ones([3]), beta: np.zeros([3]), runningMean: mean, runningVar: variance)
        XCTAssertEqual(try mean.asArray(Float.self), [0, 0, 0])
        XCTAssertEqual(try variance.asArray(Float.self), [1, 1, 1])
    }

    func testShapeInferenceFillsParameters() throws {
        let bn = try OperatorRegistry.shared.lookup("BatchNorm")
        var shapes: [[Int]?] = [[2, 5, 3], nil, nil, nil, nil]
        let outs = try bn.inferShape(&shapes, bn.parse(["axis": "-1"]))
        XCTAssertEqual(shapes.compactMap { $0 }, [[2, 5, 3], [3], [3], [3], [3]])
        XCTAssertEqual(outs, [[2, 5, 3], [3], [3]])
        XCTAssertEqual(bn.auxInputCount(try bn.parse([:])), 2)

        let ln = try OperatorRegistry.shared.lookup("LayerNorm")
        var lnShapes: [[Int]?] = [[2, 5, 3], nil, nil]
        _ = try ln.inferShape(&lnShapes, ln.parse(["axis": "1"]))
        XCTAssertEqual(lnShapes[1], [5])

        let gn = try OperatorRegistry.shared.lookup("GroupNorm")
        var gnShapes: [[Int]?] = [[2, 6, 3], nil, nil]
        _ = try gn.inferShape(&gnShapes, gn.parse(["num_groups": "3"]))
        XCTAssertEqual(gnShapes[1], [3])

        var bad: [[Int]?] = [[2, 5, 3], [4], nil, nil, nil]
        XCTAssertThrowsError(try bn.inferShape(&bad, bn.parse([:])))
    }

    func testNpxForwards() throws {
        let x = try np.array([1, 2, 3, 4, 6, 8] as [Float], shape: [2, 3])
        let y = try npx.layerNorm(x, gamma: np.ones([3]), beta: np.zeros([3]))
        let row = try y.asArray(Double.self)
        XCTAssertEqual(row[0], -row[2], accuracy: 1e-5)
        let n = try npx.l2Normalization(x)
        let v = try n.asArray(Double.self)
        XCTAssertEqual(v[0] * v[0] + v[1] * v[1] + v[2] * v[2], 1, accuracy: 1e-5)
        let g = try npx.groupNorm(np.reshape(x, [1, 2, 3]), gamma: np.ones([1]), beta: np.zeros([1]), numGroups: 1)
        XCTAssertEqual(g.shape, [1, 2, 3])
        let i = try npx.instanceNorm(np.reshape(x, [1, 2, 3]), gamma: np.ones([2]), beta: np.zeros([2]))
        XCTAssertEqual(try i.asArray(Double.self)[1], 0, accuracy: 1e-5)
    }

    /// The ops record under deferred compute and replay to the eager results.
    func testDeferredComputeMatchesEager() throws {
        let x = try np.array((0..<24).map { Float($0 % 7) - 3 }, shape: [2, 3, 4])
        let gamma = try np.array([0.5, 1, 2] as [Float]), beta = try np.array([0, 1, -1] as [Float])
        let mean = try np.array([0.1, 0.2, 0.3] as [Float]), variance = try np.array([1, 2, 3] as [Float])
        func body(_ v: [NDArray]) throws -> [NDArray] {
            let bn = try npx.batchNorm(v[0], gamma: v[1], beta: v[2], runningMean: v[3], runningVar: v[4], fixGamma: false)
            let ln = try npx.layerNorm(bn, gamma: np.ones([4]), beta: np.zeros([4]))
            return [try npx.softmax(npx.activation(ln, actType: .tanh), axis: 1)]
        }
        let eager = try body([x, gamma, beta, mean, variance])[0]
        let graph = try DeferredCompute.trace(inputs: ["x": x, "gamma": gamma, "beta": beta, "mean": mean, "var": variance],
                                              body)
        let replayed = try graph([x, gamma, beta, mean, variance])[0]
        try assertClose(replayed, eager.asArray(Double.self), shape: [2, 3, 4], rtol: 1e-5)
    }
}
