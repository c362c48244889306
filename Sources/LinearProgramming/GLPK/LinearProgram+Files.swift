import Foundation

extension LinearProgram {
    /// Reads a CPLEX LP or free MPS file (GLPK's `glp_read_lp` / `glp_read_mps`).
    ///
    /// An MPS `OBJSENSE` section (`MAX`, `MAXIMIZE`, `MIN`, `MINIMIZE`, on its own line or after the
    /// keyword) is honoured, although GLPK's reader does not know it.
    ///
    /// - Parameter format: the format; by default implied by the extension (`.lp`, `.mps`).
    /// - Throws: `.fileNotFound`, `.unreadableFile` (a directory, no permission, not UTF-8, no
    ///   recognisable extension), `.malformedFile` with the line GLPK complained about.
    public static func read(from path: String, format: FileFormat? = nil) throws(LinearProgrammingError) -> LinearProgram {
        guard let format = format ?? FileFormat(path: path) else {
            throw .unreadableFile(path: path, reason: "the format is not clear from the name; use a .lp or .mps file name")
        }
        let text = try readText(path)
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw .malformedFile(path: path, format: format, line: nil, message: "the file is empty")
        }
        var readPath = path
        var sense: ObjectiveSense?
        var temporary: String?
        defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
        if format == .freeMPS, let (objectiveSense, rewritten) = try MPSObjectiveSense.strip(text, path: path) {
            let temp = FileManager.default.temporaryDirectory
                .appendingPathComponent("bijli-\(UUID().uuidString).mps").path
            do {
                try rewritten.write(toFile: temp, atomically: false, encoding: .utf8)
            } catch {
                throw .unreadableFile(path: path, reason: "cannot stage a copy without OBJSENSE: \(error.localizedDescription)")
            }
            temporary = temp
            readPath = temp
            sense = objectiveSense
        }

        let problem = GLPKProblem()
        let (code, log) = GLPKTerminal.capturing(keep: true) { _ -> Int32? in
            try? format == .cplexLP ? problem.readLP(from: readPath) : problem.readFreeMPS(from: readPath)
        }
        guard let code else {
            // GLPK's reader stopped on a fatal error of its own (GLPKFault): the process goes on.
            throw .malformedFile(path: path, format: format, line: nil,
                                 message: "GLPK's reader stopped on an internal error (\(GLPKFault.message(log: log))); check the file against docs/FORMATS.md")
        }
        guard code == 0 else {
            let (line, message) = GLPKReadLog.firstError(in: log, path: readPath)
            throw .malformedFile(path: path, format: format, line: line, message: message)
        }
        let integers = problem.integerColumns()
        guard integers.count == 0 else {
            throw .malformedFile(path: path, format: format, line: IntegerSection.line(in: text, format: format),
                                 message: "\(integers.count) integer or binary variable(s) (\(integers.names.map { "'\($0)'" }.joined(separator: ", "))"
                                    + (integers.count > integers.names.count ? ", ..." : "") + "); Bijli solves linear programs only: "
                                    + "remove the integer section to solve the LP relaxation, or use a MIP solver")
        }
        if let sense { problem.setSense(sense) }
        var program = problem.extract()
        switch format {
        case .freeMPS:
            // GLPK reads the objective row's RHS as +constant; the CPLEX convention is −constant.
            program.objectiveConstant = -program.objectiveConstant
        case .cplexLP:
            // GLPK's LP reader takes no constant; GLPK's writer leaves it in a comment.
            if let constant = CPLEXLPConstant.find(in: text) { program.objectiveConstant = constant }
        }
        return program
    }

    /// Writes the program as CPLEX LP or free MPS (GLPK's `glp_write_lp` / `glp_write_mps`).
    ///
    /// What the files hold (docs/FORMATS-LP.md): MPS follows the CPLEX/Gurobi/HiGHS convention
    /// that the objective row's RHS is the *negated* objective constant, and keeps ranged rows
    /// in a RANGES section. CPLEX LP (GLPK's writer) keeps the constant only in a comment
    /// `\* constant term = c *\` (restored by ``read(from:format:)``; other readers drop it),
    /// writes names with `[ ]` as `( )`, and turns a ranged row into an equality with a bounded
    /// slack variable `~r_N`. Every change leaves the optimum as it is.
    /// The program is validated first. The file is written next to its destination under a
    /// temporary name and renamed into place, so a failed write leaves nothing half-written.
    /// GLPK's MPS writer drops the objective sense; for a maximisation an `OBJSENSE MAX` section
    /// is added (read by GLPK through ``read(from:format:)``, and by HiGHS, CBC, CPLEX, Gurobi).
    public func write(to path: String, format: FileFormat? = nil) throws(LinearProgrammingError) {
        guard let format = format ?? FileFormat(path: path) else {
            throw .writeFailed(path: path, reason: "the format is not clear from the name; use a .lp or .mps file name")
        }
        try validate()
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: temp) }

        var copy = self
        if format == .freeMPS { copy.objectiveConstant = -objectiveConstant }  // see read(from:format:)
        let problem = GLPKProblem()
        let (code, log) = GLPKTerminal.capturing(keep: true) { _ -> Int32? in
            problem.load(copy)
            return try? format == .cplexLP ? problem.writeLP(to: temp) : problem.writeFreeMPS(to: temp)
        }
        guard code == 0 else {
            throw .writeFailed(path: path, reason: GLPKReadLog.lastLine(of: log, replacing: temp, with: path))
        }
        if format == .freeMPS && sense == .maximize {
            do {
                let text = try String(contentsOfFile: temp, encoding: .utf8)
                try MPSObjectiveSense.insertMaximize(into: text).write(toFile: temp, atomically: false, encoding: .utf8)
            } catch {
                throw .writeFailed(path: path, reason: "cannot add the OBJSENSE section: \(error.localizedDescription)")
            }
        }
        guard rename(temp, path) == 0 else {
            throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
    }

    private static func readText(_ path: String) throws(LinearProgrammingError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .fileNotFound(path: path) }
        guard !isDirectory.boolValue else { throw .unreadableFile(path: path, reason: "it is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(path: path, reason: "permission denied or an I/O error")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .unreadableFile(path: path, reason: "it is not UTF-8 text")
        }
        return text
    }
}

/// GLPK's messages while reading or writing a file (`path:line: message`).
enum GLPKReadLog {
    /// The line number and message of GLPK's first `path:line: message` complaint.
    static func firstError(in log: String, path: String) -> (Int?, String) {
        let prefix = path + ":"
        for line in log.split(separator: "\n") where line.hasPrefix(prefix) {
            let rest = line.dropFirst(prefix.count)
            if let colon = rest.firstIndex(of: ":"), let number = Int(rest[..<colon]) {
                return (number, rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
        }
        return (nil, lastLine(of: log, replacing: path, with: path))
    }

    /// The last non-empty line of a log, with a temporary path replaced by the user's.
    static func lastLine(of log: String, replacing temporary: String, with path: String) -> String {
        let line = log.split(separator: "\n").last.map(String.init) ?? "GLPK gave no reason"
        return line.replacingOccurrences(of: temporary, with: path)
    }
}

/// The objective constant GLPK's CPLEX LP writer leaves in a comment (`\* constant term = c *\`).
enum CPLEXLPConstant {
    /// The constant of the first such comment, if there is one.
    static func find(in text: String) -> Double? {
        guard let start = text.range(of: "\\* constant term = ") else { return nil }
        let rest = text[start.upperBound...]
        guard let end = rest.range(of: " *\\") else { return nil }
        return Double(rest[..<end.lowerBound].trimmingCharacters(in: .whitespaces))
    }
}

/// The `OBJSENSE` section of free MPS files, which GLPK neither reads nor writes.
enum MPSObjectiveSense {
    /// Finds an `OBJSENSE` section before `ROWS`; returns the sense and the text with those
    /// lines turned into comments (so GLPK's line numbers still match the user's file).
    static func strip(_ text: String, path: String) throws(LinearProgrammingError) -> (ObjectiveSense, String)? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated() {
            let words = line.split(whereSeparator: \.isWhitespace)
            guard let first = words.first, !line.hasPrefix(" "), !line.hasPrefix("\t") else { continue }
            if first.uppercased() == "ROWS" { return nil }
            guard first.uppercased() == "OBJSENSE" else { continue }
            var valueLine = index
            var value = words.dropFirst().first.map(String.init)
            if value == nil, index + 1 < lines.count {
                valueLine = index + 1
                value = lines[index + 1].split(whereSeparator: \.isWhitespace).first.map(String.init)
            }
            let sense: ObjectiveSense
            switch value?.uppercased() {
            case "MAX", "MAXIMIZE": sense = .maximize
            case "MIN", "MINIMIZE": sense = .minimize
            default:
                throw .malformedFile(path: path, format: .freeMPS, line: valueLine + 1,
                                     message: "OBJSENSE must be followed by MAX or MIN, not '\(value ?? "")'")
            }
            lines[index] = "* " + lines[index]
            if valueLine != index { lines[valueLine] = "* " + lines[valueLine] }
            return (sense, lines.joined(separator: "\n"))
        }
        return nil
    }

    /// Inserts `OBJSENSE MAX` before the `ROWS` section of a GLPK-written free MPS file.
    static func insertMaximize(into text: String) -> String {
        if text.hasPrefix("ROWS\n") { return "OBJSENSE\n    MAX\n" + text }
        return text.replacingOccurrences(of: "\nROWS\n", with: "\nOBJSENSE\n    MAX\nROWS\n", options: [], range: text.range(of: "\nROWS\n"))
    }
}

/// Where a file declares integer variables: a CPLEX LP `general`/`integer`/`binary` section, or an
/// MPS `'MARKER' 'INTORG'` line.
enum IntegerSection {
    /// The 1-based line of the first such declaration, if one is found.
    static func line(in text: String, format: FileFormat) -> Int? {
        let keywords: Set<String> = ["general", "generals", "gen", "integer", "integers", "binary", "binaries", "bin"]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces).lowercased()
            switch format {
            case .cplexLP: if keywords.contains(trimmed) { return index + 1 }
            case .freeMPS: if trimmed.contains("'intorg'") { return index + 1 }
            }
        }
        return nil
    }
}
