import MXNet
import TestSupport
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
                // Only creation operators (no inputs) and invalid default parameters give real errors.
                if e.kind != .unknownShape {
                    XCTAssertTrue(shapes.isEmpty || op.name == "ROIPooling", "\(op.name): \(e)")
                }
                refused += 1
            }
            var types = [DType?](repeating: nil, count: shapes.count)
            _ = try? op.inferType(&types, params)
        }
        XCTAssertGreaterThan(answered + refused, 200)
    }

    /// With any one input's shape (or dtype) unknown, an operator answers, fills it in, or says that the shape
    /// (dtype) is unknown with the typed signal (``MXNetError/Kind``), never a user error: whole-graph inference
    /// relies on that to retry the operator once more is known.
    func testUnknownInputsGiveTheTypedSignal() throws {
        var checked = 0
        for family in try Fixtures.families() {
            for c in try Fixtures.cases(family) where !c.expectsError {
                guard let op = try? OperatorRegistry.shared.lookup(c.op),
                      let params = try? op.parse(c.attributes) else { continue }
                let shapes = c.inputs.map(\.shape), types = c.inputs.map(\.dtype)
                guard (try? { var s = shapes.map { Optional($0) }; return try op.inferShape(&s, params) }()) != nil else { continue }
                let unknownSets = shapes.indices.map { [$0] } + (shapes.count > 1 ? [Array(shapes.indices)] : [])
                for unknown in unknownSets {
                    var s: [[Int]?] = shapes
                    for i in unknown { s[i] = nil }
                    do { _ = try op.inferShape(&s, params) } catch let e as MXNetError {
                        XCTAssertEqual(e.kind, .unknownShape, "\(family)/\(c.name): inputs \(unknown) unknown: \(e)")
                    }
                    var t: [DType?] = types
                    for i in unknown { t[i] = nil }
                    do { _ = try op.inferType(&t, params) } catch let e as MXNetError {
                        XCTAssertEqual(e.kind, .unknownType, "\(family)/\(c.name): dtypes \(unknown) unknown: \(e)")
                    }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    /// Partial shape rules on shapes with parts hidden (from every conformance case): they never trap, never
    /// refuse shapes that are consistent, and never infer anything that contradicts the true shapes — except an
    /// input of unknown rank given the same default as the shape function gives it (PReLU's per-channel gamma,
    /// SoftmaxOutput's class-index label, as MXNet does).
    func testPartialShapeRulesAreSound() throws {
        let u = PartialShape.unknown
        var checked = 0
        for family in try Fixtures.families() {
            for c in try Fixtures.cases(family) where !c.expectsError {
                guard let op = try? OperatorRegistry.shared.lookup(c.op), op.hasPartialShapeRule,
                      let params = try? op.parse(c.attributes) else { continue }
                var full: [[Int]?] = c.inputs.map(\.shape)
                guard let truthOut = try? op.inferShape(&full, params) else { continue }
                let truthIn = c.inputs.map(\.shape)
                let hidden: [[Int]?] = truthIn.map { $0.isEmpty ? $0 : [u] + $0.dropFirst() }
                let unknownDims: [[Int]?] = truthIn.map { PartialShape.unknownShape(rank: $0.count) }
                let none = [[Int]?](repeating: nil, count: truthIn.count)
                let noOut = [[Int]?](repeating: nil, count: truthOut.count)
                let variants: [([[Int]?], [[Int]?])] = [
                    (hidden, noOut), (unknownDims, truthOut), (none, truthOut), (unknownDims, noOut),
                ] + truthIn.indices.map { i in (truthIn.indices.map { $0 == i ? truthIn[i] : nil }, noOut) }
                for (k, variant) in variants.enumerated() {
                    var ins = variant.0, outs = variant.1
                    do {
                        try op.inferPartialShape(inputs: &ins, outputs: &outs, params, spelling: c.op)
                    } catch {
                        XCTFail("\(family)/\(c.name) variant \(k): refused consistent shapes: \(error)")
                        continue
                    }
                    for (j, (a, b)) in zip(ins + outs, truthIn + truthOut).enumerated() where PartialShape.merge(a, b) == nil {
                        if j < ins.count && variant.0[j] == nil {
                            var guess: [[Int]?] = truthIn
                            guess[j] = nil
                            if (try? op.inferShape(&guess, params)) != nil && guess[j] == a { continue }
                        }
                        XCTFail("\(family)/\(c.name) variant \(k): inferred \(a!) where the shape is \(b)")
                    }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 1000)
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
