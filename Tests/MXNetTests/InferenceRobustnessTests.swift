import MXNet
import XCTest

/// Graphs loaded from files may reach an operator with unknown input shapes or dtypes, or with wrong input
/// counts. Inference must then answer or throw a message naming the operator — never trap.
final class InferenceRobustnessTests: XCTestCase {
    func testUnknownInputsThrowOrAnswer() throws {
        var answered = 0, refused = 0
        for op in OperatorRegistry.shared.operators {
            let params = op.defaultParams
            var shapes = [[Int]?](repeating: nil, count: op.inputNames(params).count)
            do { _ = try op.inferShape(&shapes, params); answered += 1 } catch let e as MXNetError {
                XCTAssertFalse(e.message.isEmpty)
                refused += 1
            }
            var types = [DType?](repeating: nil, count: shapes.count)
            _ = try? op.inferType(&types, params)
        }
        XCTAssertGreaterThan(answered + refused, 200)
    }

    func testWrongInputCountsThrow() throws {
        for op in OperatorRegistry.shared.operators {
            let params = op.defaultParams
            let n = op.inputNames(params).count
            var shapes = [[Int]?](repeating: [2, 3], count: n + 1)
            XCTAssertThrowsError(try op.inferShape(&shapes, params), "\(op.name) accepted \(n + 1) inputs")
        }
    }

    func testRequiredParametersAreReported() throws {
        let fc = try OperatorRegistry.shared.lookup("FullyConnected")
        XCTAssertThrowsError(try fc.parse([:])) { e in
            XCTAssertTrue("\(e)".contains("num_hidden"), "\(e)")
        }
    }
}
