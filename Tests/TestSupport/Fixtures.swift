import Foundation
import MXNet
import XCTest

/// One case written by a generator in `Tests/Fixtures/` (real MXNet 1.9.1): an operator, attribute strings,
/// inputs, expected outputs and, optionally, head gradients and expected input gradients.
public struct OperatorCase {
    public let name: String
    public let op: String
    public let attributes: [String: String]
    public let inputs: [NDArray]
    public let outputs: [NDArray]
    public let headGradients: [NDArray]?
    public let inputGradients: [NDArray?]?
    public let expectsError: Bool
    public let rtol: Double
    public let atol: Double
    public let train: Bool
    /// Expected values did not come from running this operator in MXNet 1.9.1 (NumPy for an operator MXNet lacks,
    /// or MXNet running the unfused chain for an internal fused operator).
    public let expectedFromNumPy: Bool
    /// Inputs whose gradient is checked only against finite differences (no usable oracle gradient).
    public let finiteDifferenceInputs: [Int]
}

/// Loads fixture files from `Tests/MXNetTests/Fixtures/<family>.json`.
public enum Fixtures {
    public static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("MXNetTests/Fixtures")
    }

    /// Every fixture family in the directory (files holding operator cases).
    /// Files ending in `_np.json` hold np-function cases (keyed by function name), not operator cases.
    public static func families() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix("_np.json") }.sorted()
            .map { String($0.dropLast(5)) }.filter { (try? cases($0)) != nil }
    }

    /// The cases of `family`.
    public static func cases(_ family: String) throws -> [OperatorCase] {
        let url = directory.appendingPathComponent(family + ".json")
        let data = try Data(contentsOf: url)
        guard let doc = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let cases = doc["cases"] as? [[String: Any]] else {
            throw MXNetError("\(url.path): not a fixture file")
        }
        return try cases.map(parseCase)
    }

    static func parseCase(_ c: [String: Any]) throws -> OperatorCase {
        let name = c["name"] as? String ?? "?"
        guard c["inputs"] is [Any], c["op"] is String else { throw MXNetError("\(name): not an operator case") }
        func arrays(_ key: String) throws -> [NDArray]? {
            guard let list = c[key] as? [Any] else { return nil }
            return try list.map { try array($0, name) }
        }
        var inputGrads: [NDArray?]?
        if let list = c["input_grads"] as? [Any] {
            inputGrads = try list.map { $0 is NSNull ? nil : try array($0, name) }
        }
        return OperatorCase(
            name: name, op: c["op"] as? String ?? "", attributes: c["attrs"] as? [String: String] ?? [:],
            inputs: try arrays("inputs") ?? [], outputs: try arrays("outputs") ?? [],
            headGradients: try arrays("head_grads"), inputGradients: inputGrads,
            expectsError: c["error"] as? Bool ?? false,
            rtol: c["rtol"] as? Double ?? 1e-5, atol: c["atol"] as? Double ?? 1e-6, train: c["train"] as? Bool ?? false,
            expectedFromNumPy: c["expected_from"] is String,
            finiteDifferenceInputs: c["fd_grad_inputs"] as? [Int] ?? [])
    }

    /// Decodes `{"dtype", "shape", "data"}`.
    public static func array(_ any: Any, _ context: String = "") throws -> NDArray {
        guard let d = any as? [String: Any], let dt = d["dtype"] as? String, let shape = d["shape"] as? [Int],
              let data = d["data"] as? [Any] else { throw MXNetError("\(context): malformed array") }
        let values: [Double] = data.map { v in
            if let s = v as? String { return s == "nan" ? .nan : (s == "inf" ? .infinity : -.infinity) }
            if let n = v as? NSNumber { return n.doubleValue }
            return .nan
        }
        let dtype = try DType(parsing: dt)
        if dtype == .int64 || dtype == .uint64 {
            let ints = data.map { ($0 as? NSNumber)?.int64Value ?? 0 }
            return try np.astype(np.array(ints, shape: shape), dtype)
        }
        return try np.astype(np.array(values, shape: shape, dtype: .float64), dtype)
    }
}

/// Runs operator cases through the registry (`Imperative.invoke(name, inputs, attributes:)`) and checks outputs,
/// dtypes, shapes and gradients against the fixture.
public enum OperatorConformance {
    /// Runs every case of `family`; returns how many cases passed. Each failing case is reported by name.
    @discardableResult
    public static func run(_ family: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        var passed = 0
        for c in try Fixtures.cases(family) {
            if check(c, file: file, line: line) { passed += 1 }
        }
        return passed
    }

    /// Checks one case; reports failures with the case name.
    public static func check(_ c: OperatorCase, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let failures = XCTestFailureCounter()
        do {
            if c.expectsError {
                do {
                    let outs = try Imperative.invoke(c.op, c.inputs, attributes: c.attributes)
                    for o in outs { try o.waitToRead() }
                    XCTFail("\(c.name): expected an error from \(c.op)", file: file, line: line)
                    return false
                } catch is MXNetError {
                    return true
                }
            }
            let wantsGrad = c.inputGradients != nil
            var inputs = c.inputs
            if wantsGrad {
                inputs = try c.inputs.map { try np.copy($0) }
                for (i, g) in c.inputGradients!.enumerated() where g != nil { inputs[i].attachGrad() }
            }
            let outs: [NDArray] = try autograd.record(trainMode: c.train) {
                wantsGrad ? try Imperative.invoke(c.op, inputs, attributes: c.attributes)
                    : try autograd.pause(trainMode: c.train) { try Imperative.invoke(c.op, inputs, attributes: c.attributes) }
            }
            let visible = Array(outs.prefix(c.outputs.count))
            guard visible.count == c.outputs.count else {
                XCTFail("\(c.name): \(outs.count) outputs, expected \(c.outputs.count)", file: file, line: line)
                return false
            }
            for (k, (o, e)) in zip(visible, c.outputs).enumerated() {
                failures.check(o, e, rtol: c.rtol, atol: c.atol, "\(c.name) output \(k)", file: file, line: line)
            }
            if wantsGrad, let heads = c.headGradients {
                try autograd.backward(visible, headGradients: heads)
                for (i, expected) in c.inputGradients!.enumerated() {
                    guard let expected else { continue }
                    guard let g = inputs[i].grad else {
                        XCTFail("\(c.name): no gradient for input \(i)", file: file, line: line)
                        return false
                    }
                    failures.check(g, expected, rtol: max(c.rtol, 1e-4), atol: max(c.atol, 1e-5),
                                   "\(c.name) gradient of input \(i)", file: file, line: line)
                }
            }
        } catch {
            XCTFail("\(c.name): \(error)", file: file, line: line)
            return false
        }
        return failures.count == 0
    }
}

/// Counts the mismatches it reports.
final class XCTestFailureCounter {
    var count = 0
    func check(_ actual: NDArray, _ expected: NDArray, rtol: Double, atol: Double, _ what: String,
               file: StaticString, line: UInt) {
        if actual.shape != expected.shape {
            count += 1
            XCTFail("\(what): shape \(actual.shape) != \(expected.shape)", file: file, line: line)
            return
        }
        if actual.dtype != expected.dtype {
            count += 1
            XCTFail("\(what): dtype \(actual.dtype) != \(expected.dtype)", file: file, line: line)
            return
        }
        guard let a = try? actual.asArray(Double.self), let e = try? expected.asArray(Double.self) else {
            count += 1
            XCTFail("\(what): could not read values", file: file, line: line)
            return
        }
        for i in 0..<a.count {
            if a[i].isNaN && e[i].isNaN { continue }
            if a[i] == e[i] { continue }
            if !(abs(a[i] - e[i]) <= atol + rtol * abs(e[i])) {
                count += 1
                XCTFail("\(what): element \(i) is \(a[i]), expected \(e[i])", file: file, line: line)
                return
            }
        }
    }
}
