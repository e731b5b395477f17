/// An error raised by the MXNet core: bad arguments, shapes, attributes or files.
///
/// Every message is one line that names the operator, argument, file or node at fault. Control characters in
/// the text (a newline in a node name read from a file, say) are escaped (`\n`), so a message stays one line.
///
/// ```swift
/// do { _ = try np.add(np.zeros([2, 3]), np.zeros([4])) }
/// catch let error as MXNetError { print(error) }  // add: operands could not be broadcast together ...
/// ```
///
/// Shape and dtype inference also use it to say that an input's shape or dtype is not known yet (``Kind``):
/// for an eager call that is an error like any other, but a whole-graph pass skips the operator and tries again
/// once more is known.
public struct MXNetError: Error, CustomStringConvertible, Equatable {
    /// What kind of failure this is, for callers that act on it rather than show it.
    public enum Kind: Equatable, Sendable {
        /// Bad arguments, shapes, dtypes, attributes or files.
        case invalid
        /// Shape inference needs the shape of an input that is not known (yet).
        case unknownShape
        /// Dtype inference needs the dtype of an input that is not known (yet).
        case unknownType
    }

    /// The one-line message.
    public let message: String
    /// ``Kind/invalid`` unless the error only says that an input's shape or dtype is not known.
    public let kind: Kind

    public init(_ message: String, kind: Kind = .invalid) {
        self.message = MXNetError.oneLine(message)
        self.kind = kind
    }

    public var description: String { message }

    /// Whether the error only says that an input's shape or dtype is not known yet.
    public var isUnknownInput: Bool { kind != .invalid }

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

    /// This error with `prefix: ` before its message, of the same kind.
    func prefixed(_ prefix: String) -> MXNetError { MXNetError("\(prefix): \(message)", kind: kind) }

    /// Shape inference cannot answer because an input's shape is not known: `message` names the input.
    static func unknownShape(_ message: String) -> MXNetError { MXNetError(message, kind: .unknownShape) }

    /// Dtype inference cannot answer because an input's dtype is not known: `message` names the input.
    static func unknownType(_ message: String) -> MXNetError { MXNetError(message, kind: .unknownType) }
}
