import MXNet
import TestSupport
import XCTest

/// Axis order, joining, splitting, tiling, padding, selection, sorting and unique/nonzero against MXNet 1.9.1
/// (`Tests/Fixtures/gen_manipulation.py`).
final class ManipulationTests: XCTestCase {
    func testManipulationConformance() throws {
        let cases = try Fixtures.cases("manipulation")
        XCTAssertGreaterThan(cases.count, 200)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }
}
