import MXNet
import TestSupport
import XCTest

/// Activation and LeakyReLU against MXNet 1.9.1 (`Tests/Fixtures/gen_activation.py`), and RReLU's random slopes.
final class ActivationTests: XCTestCase {
    func testActivationConformance() throws {
        let cases = try Fixtures.cases("activation")
        XCTAssertGreaterThanOrEqual(cases.count, 27)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }

    /// Training RReLU draws one slope per element from [lower, upper); the gradient uses the same slopes.
    /// (MXNet 1.9.1 crashes on training-mode RReLU, so there is no oracle for it.)
    func testRReLUTrainingSlopes() throws {
        let n = 2000
        let x = try np.full([n], -2)
        x.attachGrad()
        let outs = try autograd.record {
            try Imperative.invoke("LeakyReLU", [x], attributes: ["act_type": "rrelu", "lower_bound": "0.1",
                                                                  "upper_bound": "0.3"])
        }
        XCTAssertEqual(outs.count, 2)
        let y = try outs[0].asArray(Double.self), slopes = try outs[1].asArray(Double.self)
        for i in 0..<n {
            XCTAssertEqual(y[i], -2 * slopes[i], accuracy: 1e-6)
            XCTAssertTrue(slopes[i] >= 0.1 && slopes[i] < 0.3, "slope \(slopes[i])")
        }
        let mean = slopes.reduce(0, +) / Double(n)
        XCTAssertEqual(mean, 0.2, accuracy: 0.01)
        XCTAssertGreaterThan(Set(slopes).count, n / 2)
        try outs[0].backward()
        assertClose(try x.grad!.asArray(Double.self), slopes, rtol: 1e-6)
    }

    func testNpxForwards() throws {
        let x = try np.array([-1, 0.5, 2] as [Float])
        try assertClose(npx.activation(x, actType: .relu), [0, 0.5, 2], shape: [3])
        try assertClose(npx.leakyRelu(x, slope: 0.1), [-0.1, 0.5, 2], shape: [3])
        try assertClose(npx.leakyRelu(x, gamma: np.array([0.5] as [Float]), actType: .prelu), [-0.5, 0.5, 2], shape: [3])
        XCTAssertThrowsError(try npx.leakyRelu(x, actType: .prelu))
        XCTAssertThrowsError(try npx.activation(np.array([1, 2] as [Int32]), actType: .sigmoid))
    }
}
