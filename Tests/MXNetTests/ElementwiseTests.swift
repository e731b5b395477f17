import MXNet
import TestSupport
import XCTest

/// Binary, scalar, comparison, unary, sum and cast operators against MXNet 1.9.1 (`Tests/Fixtures/gen_elementwise.py`).
final class ElementwiseTests: XCTestCase {
    func testElementwiseConformance() throws {
        let cases = try Fixtures.cases("elementwise")
        XCTAssertGreaterThan(cases.count, 100)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }
}
