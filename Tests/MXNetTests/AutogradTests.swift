import Foundation
import MXNet
import TestSupport
import XCTest

/// autograd's API semantics against MXNet 1.9.1 (`Tests/Fixtures/gen_autograd.py`).
final class AutogradTests: XCTestCase {
    var values: [String: Any] = [:]

    override func setUpWithError() throws {
        let url = Fixtures.directory.appendingPathComponent("autograd_api.json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        values = doc?["values"] as? [String: Any] ?? [:]
    }

    func value(_ key: String) throws -> NDArray { try Fixtures.array(values[key] as Any, key) }
    func expected(_ key: String) throws -> [Double] { try value(key).asArray(Double.self) }

    func testWriteWithHeadGradient() throws {
        let x = try np.copy(value("x")), w = try np.copy(value("w"))
        x.attachGrad(); w.attachGrad()
        let y = try autograd.record { try np.multiply(np.tanh(x), w) }
        try y.backward(value("head"))
        try assertClose(x.grad!, expected("write_x_grad"), shape: [2, 3])
        try assertClose(w.grad!, expected("write_w_grad"), shape: [3])
    }

    func testGradReqAddAccumulates() throws {
        let x = try np.copy(value("x"))
        x.attachGrad(.add)
        for _ in 0..<2 {
            let y = try autograd.record { try np.sum(np.multiply(x, x)) }
            try y.backward()
        }
        try assertClose(x.grad!, expected("add_x_grad"), shape: [2, 3])
    }

    func testGradReqWriteOverwrites() throws {
        let x = try np.copy(value("x"))
        x.attachGrad()
        for _ in 0..<2 {
            let y = try autograd.record { try np.sum(np.multiply(x, x)) }
            try y.backward()
        }
        try assertClose(x.grad!, try np.multiply(value("x"), 2).asArray(Double.self), shape: [2, 3])
    }

    func testGradReqNullKeepsNoGradient() throws {
        let x = try np.copy(value("x"))
        x.attachGrad(.null)
        let y = try autograd.record { try np.sum(np.multiply(x, x)) }
        XCTAssertThrowsError(try y.backward())
        XCTAssertNil(x.grad)
    }

    func testPauseTreatsValuesAsConstants() throws {
        let x = try np.copy(value("x"))
        x.attachGrad()
        let y = try autograd.record { () throws -> NDArray in
            let a = try np.multiply(x, 3)
            let b = try autograd.pause { try np.multiply(x, x) }
            return try np.sum(np.multiply(a, b))
        }
        try y.backward()
        try assertClose(x.grad!, expected("pause_x_grad"), shape: [2, 3])
    }

    func testModesAndRecordingFlags() throws {
        XCTAssertFalse(autograd.isRecording)
        autograd.record {
            XCTAssertTrue(autograd.isRecording)
            XCTAssertTrue(autograd.isTraining)
            autograd.predictMode { XCTAssertFalse(autograd.isTraining) }
            autograd.pause { XCTAssertFalse(autograd.isRecording) }
        }
        autograd.record(trainMode: false) { XCTAssertFalse(autograd.isTraining) }
        autograd.trainMode { XCTAssertTrue(autograd.isTraining) }
        XCTAssertFalse(autograd.isTraining)
    }

    func testBackwardOnUnrecordedArrayThrows() throws {
        let x = try np.ones([2])
        XCTAssertThrowsError(try x.backward()) { e in XCTAssertTrue("\(e)".contains("backward"), "\(e)") }
    }

    func testHeadGradientShapeMismatchThrows() throws {
        let x = try np.ones([2, 3])
        x.attachGrad()
        let y = try autograd.record { try np.multiply(x, 2) }
        XCTAssertThrowsError(try y.backward(np.ones([3])))
    }
}
