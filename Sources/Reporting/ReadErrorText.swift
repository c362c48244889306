import Foundation

/// A Foundation or decoding error in words (never `NSCocoaErrorDomain Code=260` or
/// `DecodingError.dataCorrupted`), without its domain and code: what went wrong with
/// the file, and where in it for JSON.
public enum ReadErrorText {
    /// The error in words: for a `DecodingError`, what is wrong and where in the JSON; for a
    /// Foundation file error, the reason (no such file, permission denied ...).
    public static func describe(_ error: any Error) -> String {
        if let decoding = error as? DecodingError {
            func path(_ context: DecodingError.Context) -> String {
                let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                return keys.isEmpty ? "" : " at \(keys.hasPrefix(".") ? String(keys.dropFirst()) : keys)"
            }
            switch decoding {
            case .dataCorrupted(let context): return "not valid JSON\(path(context))"
            case .keyNotFound(let key, let context): return "the key '\(key.stringValue)' is missing\(path(context))"
            case .typeMismatch(_, let context), .valueNotFound(_, let context): return "a value of the wrong type\(path(context)): \(context.debugDescription)"
            @unknown default: return "not a results file of this version"
            }
        }
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "no such file"
            case NSFileReadNoPermissionError: return "permission denied"
            case NSFileReadCorruptFileError: return "the file is corrupt"
            default: break
            }
        }
        if ns.domain == NSPOSIXErrorDomain, ns.code == Int(EISDIR) { return "it is a folder" }
        return ns.localizedDescription
    }
}
