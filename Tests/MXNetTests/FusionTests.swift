import MXNet
import TestSupport
import XCTest

/// The inference-only `_fused_convolution` (Convolution + residual + ReLU) against MXNet 1.9.1 running the
/// unfused chain (`Tests/Fixtures/gen_fusion.py`).
final class FusionTests: XCTestCase {
    func testFusedConvolutionConformance() throws {
        let cases = try Fixtures.cases("fusion")
        XCTAssertGreaterThanOrEqual(cases.count, 10)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }
}
