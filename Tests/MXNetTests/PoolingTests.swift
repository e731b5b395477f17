import MXNet
import TestSupport
import XCTest

/// Pooling against MXNet 1.9.1 (`Tests/Fixtures/gen_pooling.py`).
final class PoolingTests: XCTestCase {
    func testPoolingConformance() throws {
        let cases = try Fixtures.cases("pooling")
        XCTAssertGreaterThan(cases.count, 40)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }

    /// Channels-last layouts are refused with a message naming the layout.
    func testChannelsLastLayoutIsRejected() throws {
        let x = try np.ones([1, 5, 5, 3])
        XCTAssertThrowsError(try Imperative.invoke("Pooling", [x], attributes: ["kernel": "(2, 2)", "layout": "NHWC"])) {
            XCTAssertTrue("\($0)".contains("unsupported layout"))
        }
        XCTAssertThrowsError(try Imperative.invoke("Convolution", [x, np.ones([4, 3, 3, 3])],
                                                   attributes: ["kernel": "(3, 3)", "num_filter": "4", "no_bias": "True",
                                                                "layout": "NHWC"])) {
            XCTAssertTrue("\($0)".contains("unsupported layout"))
        }
    }
}
