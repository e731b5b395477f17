/// An error raised by the MXNet core: bad arguments, shapes, attributes or files.
///
/// Every message is one line that names the operator, argument, file or node at fault. Control characters in
/// the text (a newline in a node name read from a file, say) are escaped (`\n`), so a message stays one line.
///
/// ```swift
/// do { _ = try np.add(np.zeros([2, 3]), np.zeros([4])) }
/// catch let error as MXNetError { print(error) }  // add: operands could not be broadcast together ...
/// ```
public struct MXNetError: Error, CustomStringConvertible, Equatable {
    /// The one-line message.
    public let message: String

    public init(_ message: String) { self.message = MXNetError.oneLine(message) }

    public var description: String { message }

    /// `text` with control characters (newlines, tabs, escape sequences) written as Swift escapes.
    static func oneLine(_ text: String) -> String {
        func isControl(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || (s.value >= 0x7F && s.value < 0xA0) }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isControl(s) { out.append(contentsOf: s.escaped(asASCII: true).unicodeScalars) } else { out.append(s) }
        }
        return String(out)
    }

    /// An error about operator `op`: "`op`: message".
    static func op(_ op: String, _ message: String) -> MXNetError { MXNetError("\(op): \(message)") }
}
