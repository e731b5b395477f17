import MXNet
import TestSupport
import XCTest

/// softmax, log_softmax, softmin, SoftmaxActivation, masked softmax and the loss output layers against MXNet 1.9.1
/// (`Tests/Fixtures/gen_softmax.py`).
final class SoftmaxTests: XCTestCase {
    func testSoftmaxConformance() throws {
        let cases = try Fixtures.cases("softmax")
        XCTAssertGreaterThanOrEqual(cases.count, 63)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }

    func testLabelShapeInference() throws {
        let so = try OperatorRegistry.shared.lookup("SoftmaxOutput")
        var shapes: [[Int]?] = [[4, 5], nil]
        _ = try so.inferShape(&shapes, so.parse([:]))
        XCTAssertEqual(shapes[1], [4])
        var multi: [[Int]?] = [[2, 3, 4], nil]
        _ = try so.inferShape(&multi, so.parse(["multi_output": "True"]))
        XCTAssertEqual(multi[1], [2, 4])
        let lr = try OperatorRegistry.shared.lookup("LinearRegressionOutput")
        var column: [[Int]?] = [[4, 1], nil]
        _ = try lr.inferShape(&column, lr.parse([:]))
        XCTAssertEqual(column[1], [4])
        let svm = try OperatorRegistry.shared.lookup("SVMOutput")
        var svmShapes: [[Int]?] = [[4, 5], nil]
        _ = try svm.inferShape(&svmShapes, svm.parse([:]))
        XCTAssertEqual(svmShapes[1], [4])
    }

    func testNpxForwards() throws {
        let x = try np.array([1, 2, 3, 1, 1, 1] as [Float], shape: [2, 3])
        let p = try npx.softmax(x).asArray(Double.self)
        XCTAssertEqual(p[0] + p[1] + p[2], 1, accuracy: 1e-6)
        XCTAssertEqual(p[3], 1.0 / 3, accuracy: 1e-6)
        let lp = try npx.logSoftmax(x).asArray(Double.self)
        XCTAssertEqual(lp[5], -Double.log(3), accuracy: 1e-6)
        let masked = try npx.maskedSoftmax(x, mask: np.array([true, false, true], shape: [1, 3])).asArray(Double.self)
        XCTAssertEqual(masked[1], 0)
        XCTAssertEqual(masked[3], 0.5, accuracy: 1e-6)
        let lengths = try np.array([1, 2] as [Int32])
        let sl = try npx.softmax(x, length: lengths).asArray(Double.self)
        XCTAssertEqual(sl[0], 1, accuracy: 1e-6)
        XCTAssertEqual(sl[5], 0)
        let smin = try npx.softmin(x).asArray(Double.self)
        XCTAssertGreaterThan(smin[0], smin[2])
    }
}
