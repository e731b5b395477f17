@_exported import MXNet

/// MXNet 1.x's API as a thin skin over the 2.0 core: `Symbol`, `Executor` and, later, `nd`, `Module`,
/// `FeedForward` and `io`. Every public type here is deprecated in favour of its 2.0 replacement (see
/// `migration-guide/`); they exist so that 1.x models and code keep running unchanged.
///
/// Names keep MXNet 1.x's spellings on purpose (`listArguments` for `list_arguments`, `inferShape` for
/// `infer_shape`).
public enum MXV1 {}
