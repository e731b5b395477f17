import MXNet
import TestSupport
import XCTest

/// The RNN operator (all modes, layers, directions, states, sequence lengths) and `_rnn_param_concat` against
/// MXNet 1.9.1 (`Tests/Fixtures/gen_rnn.py`).
final class RNNTests: XCTestCase {
    func testRNNConformance() throws {
        let cases = try Fixtures.cases("rnn")
        XCTAssertGreaterThan(cases.count, 25)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }
}
