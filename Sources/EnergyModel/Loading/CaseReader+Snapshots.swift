import Foundation

extension CaseReader {
    /// `Inputs/<model>/snapshots.csv` (optional): the case's own time steps, `hour,weight[,hours]`,
    /// one row per step (hours 0...8759 strictly increasing, weights > 0, `hours` the step's
    /// duration for storage, > 0, 1 when absent), with `# source:` and
    /// `# tag:` lines. The steps form one cyclic block (as PyPSA's snapshots); runs of the case
    /// use them instead of `--resolution`.
    func readSnapshots() {
        let file = "snapshots.csv"
        guard let text = TextFile.read(file, in: inputs, required: false, log: log),
              let table = CSVTable(path: inputsPath(file), text: text, log: log) else { return }
        table.checkColumns(required: ["hour", "weight"], optional: ["hours"], log: log)
        guard table.has("hour"), table.has("weight") else { return }
        if let note = table.fileNote(file: file, log: log) { sources.append(note) }
        var steps: [TimeStep] = []
        var ok = true
        for row in table.rows {
            guard let hour = table.int(row, "hour", log: log), let weight = table.double(row, "weight", log: log) else { ok = false; continue }
            if !(0..<EnergySystem.hoursPerYear).contains(hour) {
                table.issue(row, "hour", "hour \(hour) is outside 0...8759", log: log); ok = false; continue
            }
            if let last = steps.last, hour <= last.hour {
                table.issue(row, "hour", "hour \(hour) does not follow \(last.hour)", suggestion: "list the hours in increasing order, each once", log: log)
                ok = false; continue
            }
            if !(weight > 0) {
                table.issue(row, "weight", "'weight' must be positive, found \(weight)", log: log); ok = false; continue
            }
            var duration = 1.0
            if table.has("hours") {
                guard let value = table.double(row, "hours", log: log) else { ok = false; continue }
                if !(value > 0 && value.isFinite) {
                    table.issue(row, "hours", "'hours' (the step's duration for storage) must be positive, found \(value)",
                                suggestion: "give the hours the step lasts, e.g. 3 for 3-hourly snapshots", log: log)
                    ok = false; continue
                }
                duration = value
            }
            steps.append(TimeStep(hour: hour, weight: weight, month: TimeSlices.month(ofHour: hour), hours: duration))
        }
        if steps.isEmpty, ok { log.add(table.path, line: table.headerLine, "no snapshots", suggestion: "give at least one row 'hour,weight'"); ok = false }
        guard ok else { return }
        snapshots = TimeSlices(steps: steps, blocks: [0..<steps.count], resolution: .custom)
    }
}
