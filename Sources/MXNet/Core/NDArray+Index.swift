extension NDArray {
    /// One entry of a NumPy index expression, as ``NDArray/subscript(_:)`` and ``NDArray/setItem(_:_:)-(_,NDArray)``
    /// take it.
    ///
    /// Integers, Swift ranges and arrays convert implicitly; the other entries are spelled `.newAxis`,
    /// `.ellipsis` and `.slice(start, stop, step:)`:
    ///
    /// ```swift
    /// let a = try np.arange(24).reshaped([2, 3, 4])
    /// let b = try a[1, .slice(step: -1), 1...]      // a[1, ::-1, 1:]
    /// let c = try a[.ellipsis, .newAxis, 0]         // a[..., None, 0]
    /// let d = try a[np.array([1, 0] as [Int32])]    // advanced (integer array) indexing
    /// ```
    public enum Index: CustomStringConvertible {
        /// One position; negative counts from the end. Removes the axis.
        case integer(Int)
        /// Python's `start:stop:step`; nil parts take their defaults.
        case slice(start: Int?, stop: Int?, step: Int?)
        /// NumPy's `None` / `np.newaxis`: inserts an axis of length 1.
        case newAxis
        /// `...`: as many full slices as the other entries leave.
        case ellipsis
        /// Integer array (advanced indexing).
        case array(NDArray)
        /// Boolean array selecting where it is true.
        case mask(NDArray)

        public var description: String {
            switch self {
            case .integer(let i): return String(i)
            case let .slice(start, stop, step):
                let s = (start.map(String.init) ?? "") + ":" + (stop.map(String.init) ?? "")
                return step.map { s + ":\($0)" } ?? s
            case .newAxis: return "None"
            case .ellipsis: return "..."
            case .array(let a): return "array\(Shape.text(a.shape))"
            case .mask(let m): return "mask\(Shape.text(m.shape))"
            }
        }

        /// Whether this is a full slice (`:` or `::1`).
        var isFullSlice: Bool {
            if case let .slice(nil, nil, step) = self, step == nil || step == 1 { return true }
            return false
        }

        /// How many input axes the entry consumes.
        var consumedAxes: Int {
            switch self {
            case .integer, .slice, .array: return 1
            case .mask(let m): return m.ndim
            case .newAxis, .ellipsis: return 0
            }
        }
    }
}

/// A value usable in an index expression: `Int`, Swift integer ranges, ``NDArray`` (integer or boolean) and
/// ``NDArray/Index`` itself.
///
/// Swift ranges need `lowerBound <= upperBound` (Swift traps otherwise), so bounds counted from the end are
/// written with `.slice`: `.slice(-3, -1)` rather than `-3 ..< -1` when that could be reversed.
public protocol NDArrayIndex {
    /// The index entry this value stands for.
    var arrayIndex: NDArray.Index { get }
}

/// The markers `.newAxis` and `.ellipsis` where an index expression expects any ``NDArrayIndex``.
public struct NDArrayIndexMarker: NDArrayIndex {
    public let arrayIndex: NDArray.Index
}

extension NDArrayIndex where Self == NDArrayIndexMarker {
    /// NumPy's `None`: a new axis of length 1.
    public static var newAxis: NDArrayIndexMarker { NDArrayIndexMarker(arrayIndex: .newAxis) }
    /// NumPy's `...`.
    public static var ellipsis: NDArrayIndexMarker { NDArrayIndexMarker(arrayIndex: .ellipsis) }
}

extension NDArrayIndex where Self == NDArray.Index {
    /// Python's `start:stop:step`: `.slice()` is `:`, `.slice(step: -1)` is `::-1`, `.slice(1, -1)` is `1:-1`.
    public static func slice(_ start: Int? = nil, _ stop: Int? = nil, step: Int? = nil) -> NDArray.Index {
        .slice(start: start, stop: stop, step: step)
    }
}

extension NDArray.Index: NDArrayIndex {
    public var arrayIndex: NDArray.Index { self }
}

extension NDArray.Index: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .integer(value) }
}

extension Int: NDArrayIndex {
    public var arrayIndex: NDArray.Index { .integer(self) }
}

extension Range: NDArrayIndex where Bound == Int {
    public var arrayIndex: NDArray.Index { .slice(start: lowerBound, stop: upperBound, step: nil) }
}

extension ClosedRange: NDArrayIndex where Bound == Int {
    /// `a...b` includes `b`; `-3...(-1)` runs to the end.
    public var arrayIndex: NDArray.Index { .slice(start: lowerBound, stop: upperBound == -1 ? nil : upperBound + 1, step: nil) }
}

extension PartialRangeFrom: NDArrayIndex where Bound == Int {
    public var arrayIndex: NDArray.Index { .slice(start: lowerBound, stop: nil, step: nil) }
}

extension PartialRangeUpTo: NDArrayIndex where Bound == Int {
    public var arrayIndex: NDArray.Index { .slice(start: nil, stop: upperBound, step: nil) }
}

extension PartialRangeThrough: NDArrayIndex where Bound == Int {
    public var arrayIndex: NDArray.Index { .slice(start: nil, stop: upperBound == -1 ? nil : upperBound + 1, step: nil) }
}

extension NDArray: NDArrayIndex {
    /// A boolean array is a mask; any other array holds integer positions.
    public var arrayIndex: NDArray.Index { dtype == .bool ? .mask(self) : .array(self) }
}
