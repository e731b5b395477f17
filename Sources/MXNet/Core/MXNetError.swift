/// An error raised by the MXNet core: bad arguments, shapes, attributes or files.
///
/// Every message is one line that names the operator, argument, file or node at fault.
///
/// ```swift
/// do { _ = try np.add(np.zeros([2, 3]), np.zeros([4])) }
/// catch let error as MXNetError { print(error) }  // add: operands could not be broadcast together ...
/// ```
public struct MXNetError: Error, CustomStringConvertible, Equatable {
    /// The one-line message.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// An error about operator `op`: "`op`: message".
    static func op(_ op: String, _ message: String) -> MXNetError { MXNetError("\(op): \(message)") }
}
