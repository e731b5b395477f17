import MXNet
import TestSupport
import XCTest

/// Dropout: deterministic cases against MXNet 1.9.1 (`Tests/Fixtures/gen_dropout.py`), random masks statistically.
final class DropoutTests: XCTestCase {
    func testDropoutConformance() throws {
        let cases = try Fixtures.cases("dropout")
        XCTAssertGreaterThanOrEqual(cases.count, 6)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }

    func testInferenceIsIdentity() throws {
        let x = try np.array((0..<100).map { Float($0) - 50 }, shape: [10, 10])
        XCTAssertEqual(try npx.dropout(x, p: 0.9).asArray(Float.self), try x.asArray(Float.self))
    }

    /// In training about `p` of the elements are zeroed, the rest scaled by 1/(1-p), and the gradient applies the
    /// same mask.
    func testTrainingDropsAndScales() throws {
        let n = 20000, p = 0.3
        let x = try np.full([n], 2)
        x.attachGrad()
        let y = try autograd.record { try npx.dropout(x, p: p) }
        let values = try y.asArray(Double.self)
        let dropped = values.filter { $0 == 0 }.count
        XCTAssertEqual(Double(dropped) / Double(n), p, accuracy: 0.015)
        for v in values where v != 0 { XCTAssertEqual(v, 2 / (1 - p), accuracy: 1e-5) }
        try y.backward()
        let g = try x.grad!.asArray(Double.self)
        for i in 0..<n { XCTAssertEqual(g[i], values[i] / 2, accuracy: 1e-5) }
        // Another draw gives another mask.
        let again = try autograd.record { try npx.dropout(x, p: p) }.asArray(Double.self)
        XCTAssertNotEqual(again, values)
    }

    func testAxesShareTheMask() throws {
        let x = try np.ones([400, 8])
        let y = try autograd.trainMode { try npx.dropout(x, p: 0.5, axes: [1]) }.asArray(Double.self)
        var droppedRows = 0
        for r in 0..<400 {
            let row = Array(y[(r * 8)..<(r * 8 + 8)])
            XCTAssertEqual(Set(row).count, 1, "row \(r) mixes kept and dropped entries")
            if row[0] == 0 { droppedRows += 1 } else { XCTAssertEqual(row[0], 2, accuracy: 1e-6) }
        }
        XCTAssertEqual(Double(droppedRows) / 400, 0.5, accuracy: 0.1)
    }

    func testModeAlwaysAndExtremes() throws {
        let x = try np.ones([1000])
        let always = try npx.dropout(x, p: 0.5, mode: .always).asArray(Double.self)
        XCTAssertTrue(always.contains(0) && always.contains(2))
        let all = try autograd.trainMode { try npx.dropout(x, p: 1) }.asArray(Double.self)
        XCTAssertEqual(Set(all), [0])
        XCTAssertThrowsError(try npx.dropout(x, p: 1.5))
        XCTAssertThrowsError(try npx.dropout(x, p: 0.5, axes: [1]))
    }
}
