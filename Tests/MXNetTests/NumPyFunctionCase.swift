import Foundation
import MXNet
import TestSupport
import XCTest

/// A case for an np function that composes operators: inputs, keyword-style arguments, and NumPy's expected
/// outputs and (optionally) input gradients for given head gradients. Written by `Tests/Fixtures/gen_*_np.py`.
struct NumPyFunctionCase {
    let name: String
    let fn: String
    let args: [String: Any]
    let inputs: [NDArray]
    let outputs: [NDArray]
    let headGradients: [NDArray]?
    let inputGradients: [NDArray?]?
    let rtol: Double
    let atol: Double

    static func load(_ family: String) throws -> [NumPyFunctionCase] {
        let url = Fixtures.directory.appendingPathComponent(family + ".json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        guard let cases = doc?["cases"] as? [[String: Any]] else { throw MXNetError("\(url.path): not a fixture file") }
        return try cases.map { c in
            let name = c["name"] as? String ?? "?"
            func arrays(_ key: String) throws -> [NDArray]? {
                try (c[key] as? [Any])?.map { try Fixtures.array($0, name) }
            }
            let grads = try (c["input_grads"] as? [Any])?.map { $0 is NSNull ? nil : try Fixtures.array($0, name) }
            return NumPyFunctionCase(
                name: name, fn: c["fn"] as? String ?? "", args: c["args"] as? [String: Any] ?? [:],
                inputs: try arrays("inputs") ?? [], outputs: try arrays("outputs") ?? [],
                headGradients: try arrays("head_grads"), inputGradients: grads,
                rtol: c["rtol"] as? Double ?? 1e-5, atol: c["atol"] as? Double ?? 1e-6)
        }
    }

    // MARK: Argument access

    func int(_ key: String) -> Int? { (args[key] as? NSNumber)?.intValue }
    func ints(_ key: String) -> [Int]? { (args[key] as? [NSNumber])?.map(\.intValue) }
    func double(_ key: String) -> Double? { (args[key] as? NSNumber)?.doubleValue }
    func bool(_ key: String) -> Bool { (args[key] as? NSNumber)?.boolValue ?? false }
    func string(_ key: String) -> String? { args[key] as? String }

    /// Runs `call` on the inputs and checks outputs and gradients; reports failures by case name.
    func check(file: StaticString = #filePath, line: UInt = #line,
               _ call: ([NDArray]) throws -> [NDArray]) -> Bool {
        do {
            let inputs = try self.inputs.map { try np.copy($0) }
            let wantsGrad = inputGradients != nil
            if wantsGrad { for (i, g) in inputGradients!.enumerated() where g != nil { inputs[i].attachGrad() } }
            let outs = try autograd.record { try call(inputs) }
            guard outs.count == outputs.count else {
                XCTFail("\(name): \(outs.count) outputs, expected \(outputs.count)", file: file, line: line)
                return false
            }
            var ok = true
            for (k, (o, e)) in zip(outs, outputs).enumerated() {
                ok = compare(o, e, "\(name) output \(k)", file: file, line: line) && ok
            }
            if wantsGrad, let heads = headGradients {
                try autograd.backward(outs, headGradients: heads)
                for (i, e) in inputGradients!.enumerated() {
                    guard let e else { continue }
                    guard let g = inputs[i].grad else {
                        XCTFail("\(name): no gradient for input \(i)", file: file, line: line)
                        return false
                    }
                    ok = compare(g, e, "\(name) gradient of input \(i)", file: file, line: line) && ok
                }
            }
            return ok
        } catch {
            XCTFail("\(name): \(error)", file: file, line: line)
            return false
        }
    }

    private func compare(_ a: NDArray, _ e: NDArray, _ what: String, file: StaticString, line: UInt) -> Bool {
        guard a.shape == e.shape, a.dtype == e.dtype else {
            XCTFail("\(what): \(a.dtype)\(a.shape) != \(e.dtype)\(e.shape)", file: file, line: line)
            return false
        }
        guard let x = try? a.asArray(Double.self), let y = try? e.asArray(Double.self) else { return false }
        for i in 0..<x.count where !(x[i] == y[i] || (x[i].isNaN && y[i].isNaN) || abs(x[i] - y[i]) <= atol + rtol * abs(y[i])) {
            XCTFail("\(what): element \(i) is \(x[i]), expected \(y[i])", file: file, line: line)
            return false
        }
        return true
    }
}
